// Builds the script-tag bundle of @amicable/elements with the package's vite config (in memory;
// `pnpm run bundle` writes the same files to packages/elements/bundle/) and reports its size: the
// main file, which a page loads, and the files loaded on demand (a language the first time an
// element speaks it, the photo worker and the page's fallback the first time a photo is chosen); then how many of the main file's minified bytes each package accounts for.
//
//   node scripts/size-report.mjs [--budget-gzip <bytes>]
//
// Writes .size/size-report.json. With --budget-gzip, exits 1 when the gzipped main file is larger
// than the budget.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const elementsDir = join(root, 'packages', 'elements');
const outDir = join(root, '.size');

function parseArgs(argv) {
  const options = { budgetGzip: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    let value;
    if (arg === '--budget-gzip') value = argv[++i];
    else if (arg.startsWith('--budget-gzip=')) value = arg.slice('--budget-gzip='.length);
    else throw new Error(`unknown argument: ${arg}`);
    const bytes = Number(value);
    if (!Number.isInteger(bytes) || bytes <= 0) throw new Error(`--budget-gzip needs a positive number of bytes, got ${value}`);
    options.budgetGzip = bytes;
  }
  return options;
}

function measure(code) {
  const bytes = Buffer.from(code);
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    }).byteLength,
  };
}

// The package a bundled module belongs to: the last node_modules/<name> in its path, or the
// workspace package folder it lives in.
function ownerOf(id) {
  const path = id.replace(/\\/g, '/');
  const dependency = path.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (dependency) return dependency[1];
  const workspace = path.match(/\/packages\/([^/]+)\//);
  if (workspace) return `@amicable/${workspace[1]}`;
  // Helpers the bundler injects (decorators) have virtual ids.
  return '(bundler)';
}

const kb = (bytes) => (bytes / 1024).toFixed(2);

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The segments of one line of a source map's `mappings`, as [generated column, source index?].
 * The column starts again on each line; the source index runs on from the previous line (`state`).
 */
function* segments(line, state) {
  let column = 0;
  for (const segment of line.split(',')) {
    if (segment === '') continue;
    const fields = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = BASE64.indexOf(char);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
      } else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += fields[0];
    if (fields.length > 1) state.source += fields[1];
    yield [column, fields.length > 1 ? state.source : undefined];
  }
}

/**
 * How many bytes of the minified `code` come from each package, read from its source map: each
 * stretch of output belongs to the source its mapping names, until the next mapping.
 */
function bytesByPackage(code, map) {
  // Sources are relative to where the map would be written, the bundle's directory.
  const owners = map.sources.map((source) => ownerOf(resolve(elementsDir, 'bundle', source)));
  const byPackage = new Map();
  const add = (owner, text) => byPackage.set(owner, `${byPackage.get(owner) ?? ''}${text}`);
  const lines = code.split('\n');
  const mappings = map.mappings.split(';');
  const state = { source: 0 };
  // Text before a line's first mapping (a template literal's next line, say) goes on from the last one.
  let current = '(bundler)';
  lines.forEach((line, index) => {
    const marks = [...segments(mappings[index] ?? '', state)];
    add(current, line.slice(0, marks[0]?.[0] ?? line.length));
    marks.forEach(([column, source], i) => {
      current = source === undefined ? '(bundler)' : owners[source];
      add(current, line.slice(column, marks[i + 1]?.[0] ?? line.length));
    });
    if (index < lines.length - 1) add(current, '\n');
  });
  return byPackage;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));

  // A hidden source map changes nothing in the code (no comment is appended) and tells which bytes come from where.
  const result = await build({
    configFile: join(elementsDir, 'vite.config.ts'),
    root: elementsDir,
    logLevel: 'warn',
    build: { write: false, sourcemap: 'hidden' },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((output) => output.output);
  const chunks = outputs.filter((item) => item.type === 'chunk');
  const main = chunks.find((chunk) => chunk.isEntry);
  if (main === undefined) throw new Error('the build produced no entry chunk');
  // The worker is built on its own and comes out as an asset.
  const onDemand = [
    ...chunks.filter((chunk) => !chunk.isEntry).map((chunk) => ({ file: chunk.fileName, code: chunk.code })),
    ...outputs.filter((item) => item.type === 'asset' && item.fileName.endsWith('.js')).map((asset) => ({ file: asset.fileName, code: asset.source })),
  ].sort((a, b) => a.file.localeCompare(b.file));

  const mainSize = measure(main.code);
  const onDemandSizes = onDemand.map(({ file, code }) => ({ file, ...measure(code) }));

  // Each package's minified code, and that code gzipped on its own: a package compresses a little
  // better inside the whole file, so these gzip figures add up to more than the file's.
  const contributions = [...bytesByPackage(main.code, main.map).entries()]
    .map(([owner, text]) => [owner, Buffer.byteLength(text), gzipSync(text, { level: 9 }).byteLength])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  const mappedTotal = contributions.reduce((sum, [, bytes]) => sum + bytes, 0);
  if (mappedTotal !== mainSize.raw) throw new Error(`the source map accounts for ${mappedTotal} bytes of ${mainSize.raw}`);

  const bundleDir = 'packages/elements/bundle';
  console.log(`Script-tag bundle: ${bundleDir}/${main.fileName} (ES module, minified; lit, @lit/context, xstate, zod/mini, protocol, machine, client, elements, English)`);
  console.log('');
  const header = `${'file'.padEnd(34)}  ${'raw'.padStart(9)}  ${'gzip -9'.padStart(9)}  ${'brotli 11'.padStart(9)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  const row = (label, size) =>
    console.log(`${label.padEnd(34)}  ${String(size.raw).padStart(9)}  ${String(size.gzip).padStart(9)}  ${String(size.brotli).padStart(9)}`);
  row(main.fileName, mainSize);
  console.log(`${''.padEnd(34)}  ${`${kb(mainSize.raw)} KB`.padStart(9)}  ${`${kb(mainSize.gzip)} KB`.padStart(9)}  ${`${kb(mainSize.brotli)} KB`.padStart(9)}`);
  if (onDemandSizes.length) {
    console.log('');
    console.log('Loaded on demand (languages; the photo worker, and the page\'s fallback where no worker may start):');
    for (const size of onDemandSizes) row(`  ${size.file}`, size);
  }

  if (contributions.length) {
    console.log('');
    console.log(`${main.fileName} by package: minified bytes, share, and that code gzipped on its own`);
    for (const [owner, bytes, gzip] of contributions) {
      console.log(`  ${owner.padEnd(32)} ${String(bytes).padStart(9)}  ${((bytes / mappedTotal) * 100).toFixed(1).padStart(5)} %  ${String(gzip).padStart(9)}`);
    }
  }

  const over = options.budgetGzip !== undefined && mainSize.gzip > options.budgetGzip;
  const report = {
    file: `${bundleDir}/${main.fileName}`,
    format: 'es',
    bytes: mainSize,
    onDemand: onDemandSizes,
    byPackage: Object.fromEntries(contributions.map(([owner, minified, gzip]) => [owner, { minified, gzipAlone: gzip }])),
    budget: options.budgetGzip === undefined ? null : { gzip: options.budgetGzip, ok: !over },
  };
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'size-report.json'), `${JSON.stringify(report, null, 2)}\n`);

  if (options.budgetGzip !== undefined) {
    console.log('');
    if (over) {
      console.error(`Over budget: ${main.fileName} is ${mainSize.gzip} bytes gzip > ${options.budgetGzip} bytes allowed (+${mainSize.gzip - options.budgetGzip}).`);
      process.exitCode = 1;
    } else {
      console.log(`Within budget: ${main.fileName} is ${mainSize.gzip} bytes gzip <= ${options.budgetGzip} bytes allowed (${options.budgetGzip - mainSize.gzip} to spare).`);
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
