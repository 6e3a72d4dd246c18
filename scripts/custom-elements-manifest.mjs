// Writes packages/elements/custom-elements.json from the elements' JSDoc, as the package's build
// does (`cem analyze --litelement`, configured by custom-elements-manifest.config.mjs).
//
//   node scripts/custom-elements-manifest.mjs [--check]
//
// With --check nothing is written: it says whether the committed file matches the sources, and
// exits 1 when it does not. In a git checkout "committed" means the version in git's index, since
// the package's build rewrites the file on disk (so CI, which builds first, still notices a file
// nobody regenerated); elsewhere it is the file on disk.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const elementsDir = fileURLToPath(new URL('../packages/elements/', import.meta.url));
const manifestPath = join(elementsDir, 'custom-elements.json');
const check = process.argv.includes('--check');

// The analyzer is the elements package's devDependency; resolve it from there.
const require = createRequire(join(elementsDir, 'package.json'));
const analyzerDir = join(require.resolve('@custom-elements-manifest/analyzer/package.json'), '..');
const { cli } = await import(pathToFileURL(join(analyzerDir, 'cli.js')).href);

const manifest = await cli({ argv: ['analyze', '--litelement', '--quiet'], cwd: elementsDir, noWrite: true });
const text = `${JSON.stringify(manifest, null, 2)}\n`;

/** The manifest as committed: git's index when this is a checkout, else the file. */
async function committedManifest() {
  try {
    return execFileSync('git', ['show', ':packages/elements/custom-elements.json'], { cwd: elementsDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return readFile(manifestPath, 'utf8').catch(() => '');
  }
}

if (check) {
  if ((await committedManifest()) !== text) {
    console.error('packages/elements/custom-elements.json, as committed, is out of date with the elements\' JSDoc.');
    console.error('Run `pnpm --filter @amicable/elements run build` (or `node scripts/custom-elements-manifest.mjs`) and commit the file.');
    process.exitCode = 1;
  } else {
    console.log('packages/elements/custom-elements.json matches the sources.');
  }
} else {
  await writeFile(manifestPath, text);
  console.log('Wrote packages/elements/custom-elements.json.');
}
