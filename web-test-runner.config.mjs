import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { CHROME_ARGS, CHROME_PATH } from './scripts/chromium.mjs';

const require = createRequire(import.meta.url);
const mswWorkerPath = require.resolve('msw/mockServiceWorker.js');

/** Serves msw's service worker at the root, so that it may control every test page. */
async function serveMswWorker(context, next) {
  if (context.path !== '/mockServiceWorker.js') return next();
  context.type = 'application/javascript';
  context.body = await readFile(mswWorkerPath, 'utf8');
}

/**
 * Workers are started from a URL (`new URL('./photo-worker.js', import.meta.url)`), which no
 * import rewriting reaches: a `.js` request for a module that exists only as TypeScript source is
 * served the source, which the esbuild plugin compiles like any other.
 */
async function serveTypeScriptForJs(context, next) {
  if (context.path.startsWith('/packages/') && context.path.endsWith('.js')) {
    const source = context.path.replace(/\.js$/, '.ts');
    if (!existsSync(new URL(`.${context.path}`, import.meta.url)) && existsSync(new URL(`.${source}`, import.meta.url))) {
      context.path = source;
    }
  }
  return next();
}

/**
 * A file on disk chosen in a page's file input as the browser's file picker gives it
 * (`amicable:choose-disk-file`, with the input's host element and the file's name and bytes); with
 * `deleteAfter`, the file is gone before the page reads it, as a photo moved away or still in a
 * cloud drive: a browser reads a chosen file only when asked.
 */
function diskFilesPlugin() {
  return {
    name: 'amicable-disk-files',
    async executeCommand({ command, payload, session }) {
      if (command === 'amicable:choose-disk-file') {
        const path = join(await mkdtemp(join(tmpdir(), 'amicable-')), payload.name);
        await writeFile(path, Buffer.from(payload.base64, 'base64'));
        if (payload.deleteAfter) await rm(path);
        // Straight through the protocol: the automation library's own call refuses a missing file.
        const cdp = await session.browser.getPage(session.id).createCDPSession();
        const { result } = await cdp.send('Runtime.evaluate', {
          expression: `document.querySelector(${JSON.stringify(payload.host)}).shadowRoot.querySelector('input[type=file]')`,
        });
        await cdp.send('DOM.setFileInputFiles', { files: [path], objectId: result.objectId });
        await cdp.detach();
        return path;
      }
      return undefined;
    },
  };
}

// Real reference servers for browser tests (reference-backend:start, ...), run from the built
// package: `npm test` type-checks with `tsc -b`, which writes it, before the browsers start.
const referenceBackendPluginUrl = new URL('./packages/reference-backend/dist/server/test-runner-plugin.js', import.meta.url);
if (!existsSync(referenceBackendPluginUrl)) {
  throw new Error(
    'packages/reference-backend is not built, and browser tests start its server from dist/. '
      + 'Run `pnpm run typecheck` (tsc -b) first, or `npm test`, which does.',
  );
}
const { referenceBackendPlugin } = await import(referenceBackendPluginUrl.href);


/**
 * The page each test file runs in. msw reloads a page that a mock service worker is registered for
 * but does not control yet, and the test runner takes a reload for an interrupted test file. With
 * files running side by side, a page can load while another page's worker is still activating:
 * such a page waits until the worker takes it over (its `clients.claim()`), then starts its tests.
 */
function testRunnerHtml(testFramework) {
  return `<!doctype html>
<html>
  <body>
    <script type="module">
      const registrations = await navigator.serviceWorker.getRegistrations();
      if (registrations.length > 0 && !navigator.serviceWorker.controller) {
        await new Promise((resolve) => {
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true });
          setTimeout(resolve, 10000);
        });
      }
      await import(${JSON.stringify(testFramework)});
    </script>
  </body>
</html>`;
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['packages/*/src/**/*.test.ts'],
  nodeResolve: {
    exportConditions: ['source', 'browser', 'development'],
  },
  middleware: [serveMswWorker, serveTypeScriptForJs],
  testRunnerHtml,
  plugins: [
    referenceBackendPlugin(),
    diskFilesPlugin(),
    // The tsconfig carries experimentalDecorators / useDefineForClassFields, which esbuild must honour.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
  ],
  browsers: [
    chromeLauncher({
      // Test files run side by side in tabs of one browser, and only one tab is in front: the
      // others would be hidden pages, where anything that pauses while hidden never runs.
      async createPage({ context }) {
        const page = await context.newPage();
        const session = await page.createCDPSession();
        await session.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        return page;
      },
      launchOptions: {
        executablePath: CHROME_PATH,
        headless: true,
        args: CHROME_ARGS,
      },
    }),
  ],
  concurrency: 2,
  testFramework: {
    config: {
      timeout: 20000,
    },
  },
};
