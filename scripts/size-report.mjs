// Builds the script-tag bundle of @amicable/elements (packages/elements/bundle/, with the package's
// vite config) and reports its size: the main file, which a page loads, and the locale chunks,
// which load only when an element speaks that language.
//
//   node scripts/size-report.mjs [--budget-gzip <bytes>]
//
// Writes .size/size-report.json. With --budget-gzip, exits 1 when the gzipped main file is larger
// than the budget.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  return '(bundler helpers)';
}

const kb = (bytes) => (bytes / 1024).toFixed(2);

async function main() {
  const options = parseArgs(process.argv.slice(2));

  const result = await build({ configFile: join(elementsDir, 'vite.config.ts'), root: elementsDir, logLevel: 'warn' });
  const chunks = (Array.isArray(result) ? result : [result]).flatMap((output) => output.output).filter((item) => item.type === 'chunk');
  const main = chunks.find((chunk) => chunk.isEntry);
  if (main === undefined) throw new Error('the build produced no entry chunk');
  const locales = chunks.filter((chunk) => !chunk.isEntry).sort((a, b) => a.fileName.localeCompare(b.fileName));

  const mainSize = measure(main.code);
  const localeSizes = locales.map((chunk) => ({ file: chunk.fileName, ...measure(chunk.code) }));

  // Each package's share of the main file, from the bundler's own account of its modules. The
  // bytes are counted before minification, so they tell proportions, not the bytes shipped.
  const byPackage = new Map();
  for (const [id, module] of Object.entries(main.modules)) {
    const owner = ownerOf(id);
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + module.renderedLength);
  }
  const contributions = [...byPackage.entries()].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
  const renderedTotal = contributions.reduce((sum, [, bytes]) => sum + bytes, 0);

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
  if (localeSizes.length) {
    console.log('');
    console.log('Locale chunks, loaded on demand:');
    for (const size of localeSizes) row(`  ${size.file}`, size);
  }

  if (contributions.length) {
    console.log('');
    console.log(`Share of ${main.fileName} by package (bytes before minification):`);
    for (const [owner, bytes] of contributions) {
      console.log(`  ${owner.padEnd(32)} ${String(bytes).padStart(9)}  ${((bytes / renderedTotal) * 100).toFixed(1).padStart(5)} %`);
    }
  }

  const over = options.budgetGzip !== undefined && mainSize.gzip > options.budgetGzip;
  const report = {
    file: `${bundleDir}/${main.fileName}`,
    format: 'es',
    bytes: mainSize,
    locales: localeSizes,
    byPackageBeforeMinification: Object.fromEntries(contributions),
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
