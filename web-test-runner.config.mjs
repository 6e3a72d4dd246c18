import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mswWorkerPath = require.resolve('msw/mockServiceWorker.js');

/** Serves msw's service worker at the root, so that it may control every test page. */
async function serveMswWorker(context, next) {
  if (context.path !== '/mockServiceWorker.js') return next();
  context.type = 'application/javascript';
  context.body = await readFile(mswWorkerPath, 'utf8');
}

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['packages/*/src/**/*.test.ts'],
  nodeResolve: {
    exportConditions: ['source', 'browser', 'development'],
  },
  middleware: [serveMswWorker],
  plugins: [
    // The tsconfig carries experimentalDecorators / useDefineForClassFields, which esbuild must honour.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
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
