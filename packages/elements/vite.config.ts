import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * No chunk may import the entry: a page loads it as `amicable.js?prefix=acme`, and a chunk
 * importing `./amicable.js` would load a second copy under another URL, which registers the
 * elements again. Fails the build when code shared with a lazy chunk moves out of the entry.
 */
function selfContainedChunks(): Plugin {
  return {
    name: 'amicable-self-contained-chunks',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const entries = output.imports.filter((name) => (bundle[name] as { isEntry?: boolean } | undefined)?.isEntry === true);
        if (entries.length > 0) {
          this.error(`${output.fileName} imports ${entries.join(', ')}; no chunk of the script-tag bundle may import the entry.`);
        }
        if (!output.isEntry && output.dynamicImports.length > 0) {
          this.error(`${output.fileName} loads further chunks; only the entry may.`);
        }
      }
    },
  };
}

/**
 * The script-tag bundle: `bundle/amicable.js`, one self-contained ES module that registers the
 * three elements (lit, @lit/context, xstate, zod/mini and our packages inlined, English built in),
 * with each other locale in a chunk beside it that loads the first time an element speaks it.
 * Chunks are imported by URLs relative to the entry, so the directory can be served from anywhere.
 */
export default defineConfig({
  // The workspace packages are read from their TypeScript sources (their "source" export
  // condition), so the bundle does not depend on an earlier `tsc -b`.
  resolve: { conditions: ['source', 'module', 'browser', 'production', 'import', 'default'] },
  // Some dependencies read process.env.NODE_ENV; a page with a script tag has no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  logLevel: 'warn',
  // Chunks and the photo worker are found relative to the entry, wherever it is served from.
  base: './',
  plugins: [selfContainedChunks()],
  // The photo worker, a file beside the entry, with the pipeline inlined.
  worker: {
    format: 'es',
    rolldownOptions: { output: { entryFileNames: 'amicable-[name]-[hash].js', minify: true } },
  },
  build: {
    lib: {
      entry: here('src/amicable.ts'),
      formats: ['es'],
      fileName: () => 'amicable.js',
    },
    // tsc writes dist/ (with the declarations); the bundle has a directory of its own, emptied on
    // every build so that chunks of older builds do not pile up.
    outDir: here('bundle'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        chunkFileNames: 'amicable-[name]-[hash].js',
        // Vite keeps whitespace in library builds; a script tag wants it all minified.
        minify: true,
        comments: { legal: false },
      },
    },
  },
});
