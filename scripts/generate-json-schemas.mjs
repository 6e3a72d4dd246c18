// Writes the JSON Schemas of the backend contract to docs/schemas/, from the built protocol package
// (run `tsc -b packages/protocol` first; `npm run schemas` does both). Files no longer generated are
// removed. With --check nothing is written: it lists the files that differ and exits 1.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = join(root, 'docs', 'schemas');
const check = process.argv.includes('--check');

const { contractJsonSchemas, contractSchemaIndex } = await import(
  pathToFileURL(join(root, 'packages', 'protocol', 'dist', 'contract', 'json-schemas.js')).href
);

/** Stable text of a JSON document: two-space indentation and a final newline. */
const text = (value) => `${JSON.stringify(value, null, 2)}\n`;

const wanted = new Map(Object.entries(contractJsonSchemas()).map(([file, schema]) => [file, text(schema)]));
wanted.set('index.json', text(contractSchemaIndex()));

await mkdir(folder, { recursive: true });
const present = (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
const stale = present.filter((file) => !wanted.has(file));
const differing = [];
for (const [file, content] of wanted) {
  const current = await readFile(join(folder, file), 'utf8').catch(() => null);
  if (current !== content) differing.push(file);
}

if (check) {
  const problems = [...differing.map((file) => `  ${file} is missing or out of date`), ...stale.map((file) => `  ${file} is no longer generated`)];
  if (problems.length > 0) {
    console.error(`docs/schemas differs from the protocol's schemas; run \`npm run schemas\`:\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log(`docs/schemas is up to date (${wanted.size} files).`);
} else {
  for (const file of stale) await rm(join(folder, file));
  for (const file of differing) await writeFile(join(folder, file), wanted.get(file));
  console.log(`docs/schemas: ${differing.length} written, ${stale.length} removed, ${wanted.size - differing.length} unchanged.`);
}
