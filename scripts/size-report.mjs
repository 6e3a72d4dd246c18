// Bundles what ships to browsers into one minified script-tag file and reports its size.
//
//   node scripts/size-report.mjs [--budget-gzip <bytes>]
//
// Writes .size/amicable.min.js and .size/size-report.json. With --budget-gzip, exits 1 when the
// gzipped bundle is larger than the budget.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, '.size');
const outFile = join(outDir, 'amicable.min.js');

// The packages whose code reaches the browser, in bundle order.
const SHIPPED = ['@amicable/protocol', '@amicable/machine', '@amicable/client'];
const GLOBAL_NAME = 'Amicable';

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

// Entry point of a workspace package, read from its exports map ("source" condition).
async function sourceEntry(name) {
  const dirName = name.split('/').pop();
  const pkgDir = join(root, 'packages', dirName);
  const manifest = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8'));
  if (manifest.name !== name) throw new Error(`packages/${dirName}/package.json is not ${name}`);
  const dot = manifest.exports?.['.'];
  const source = typeof dot === 'object' && dot !== null ? dot.source : undefined;
  if (typeof source !== 'string') throw new Error(`${name} has no "source" condition in exports["."]`);
  return join(pkgDir, source);
}

const kb = (bytes) => (bytes / 1024).toFixed(2);

async function main() {
  const options = parseArgs(process.argv.slice(2));

  const included = [];
  const entries = [];
  const skipped = [];
  for (const name of SHIPPED) {
    const entry = await sourceEntry(name);
    if (existsSync(entry)) {
      included.push(name);
      entries.push(entry);
    } else {
      skipped.push(name);
    }
  }

  // One module re-exporting every shipped package; packages without an entry yet are left out.
  // Imports between packages inside those entries resolve through the "source" condition.
  const contents = entries.map((entry) => `export * from ${JSON.stringify(entry)};`).join('\n') || 'export {};';

  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: '(entry)', loader: 'js' },
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    platform: 'browser',
    conditions: ['source'],
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });

  const code = result.outputFiles[0].contents;
  await mkdir(outDir, { recursive: true });
  await writeFile(outFile, code);

  const raw = code.byteLength;
  const gzip = gzipSync(code, { level: 9 }).byteLength;
  const brotli = brotliCompressSync(code, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw,
    },
  }).byteLength;

  // Minified bytes contributed by each package (workspace or dependency).
  const byPackage = new Map();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/) ?? input.match(/^packages\/([^/]+)\//);
      const owner = match ? (input.startsWith('packages/') ? `@amicable/${match[1]}` : match[1]) : input;
      byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
    }
  }
  const contributions = [...byPackage.entries()].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);

  const file = relative(root, outFile);
  console.log(`Bundle: ${file} (iife, global ${GLOBAL_NAME}, minified, ${included.length ? included.join(' + ') : 'empty'})`);
  if (skipped.length) console.log(`Not bundled (no entry point yet): ${skipped.join(', ')}`);
  console.log('');
  const rows = [
    ['raw', raw],
    ['gzip -9', gzip],
    ['brotli 11', brotli],
  ];
  console.log(`${'measure'.padEnd(10)}  ${'bytes'.padStart(9)}  ${'KB'.padStart(8)}`);
  console.log(`${'-'.repeat(10)}  ${'-'.repeat(9)}  ${'-'.repeat(8)}`);
  for (const [label, bytes] of rows) console.log(`${label.padEnd(10)}  ${String(bytes).padStart(9)}  ${kb(bytes).padStart(8)}`);

  if (contributions.length) {
    console.log('');
    console.log('Minified bytes by package:');
    for (const [owner, bytes] of contributions) console.log(`  ${owner.padEnd(32)} ${String(bytes).padStart(9)}`);
  }

  const over = options.budgetGzip !== undefined && gzip > options.budgetGzip;
  const report = {
    file,
    format: 'iife',
    packages: included,
    skipped,
    bytes: { raw, gzip, brotli },
    byPackage: Object.fromEntries(contributions),
    budget: options.budgetGzip === undefined ? null : { gzip: options.budgetGzip, ok: !over },
  };
  await writeFile(join(outDir, 'size-report.json'), `${JSON.stringify(report, null, 2)}\n`);

  if (options.budgetGzip !== undefined) {
    console.log('');
    if (over) {
      console.error(`Over budget: ${gzip} bytes gzip > ${options.budgetGzip} bytes allowed (+${gzip - options.budgetGzip}).`);
      process.exitCode = 1;
    } else {
      console.log(`Within budget: ${gzip} bytes gzip <= ${options.budgetGzip} bytes allowed.`);
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
