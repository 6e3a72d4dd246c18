// Lists each workspace package's build output (dist/, and the elements' script-tag bundle/): its
// JavaScript files with their sizes, then a total. Examples, which build nothing, are left out.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}

function formatBytes(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

const rows = [];
for (const group of ['packages', 'examples']) {
  const dirs = await readdir(join(root, group), { withFileTypes: true }).catch(() => []);
  for (const dir of dirs.filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const pkgDir = join(root, group, dir.name);
    const manifest = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8').catch(() => '{}'));
    const name = manifest.name ?? `${group}/${dir.name}`;
    const files = [...(await listFiles(join(pkgDir, 'dist'))), ...(await listFiles(join(pkgDir, 'bundle')))];
    if (files.length === 0) {
      if (group === 'packages') rows.push([name, '(nothing built)', '']);
      continue;
    }
    // JavaScript files are listed one by one; declarations and source maps are only counted.
    let total = 0;
    let declarations = 0;
    let maps = 0;
    for (const file of files) {
      const { size } = await stat(file);
      total += size;
      if (file.endsWith('.map')) maps += 1;
      else if (file.endsWith('.d.ts')) declarations += 1;
      else rows.push([name, relative(pkgDir, file), formatBytes(size)]);
    }
    const others = files.length - declarations - maps;
    rows.push([name, `all ${files.length} files (${others} .js, ${declarations} .d.ts, ${maps} .map)`, formatBytes(total)]);
  }
}

const header = ['package', 'file', 'size'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log('Built:');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));
