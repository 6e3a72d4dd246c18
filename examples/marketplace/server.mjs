#!/usr/bin/env node
// The demo marketplace: one HTTP server for the shop's order page, the script-tag bundle, the
// script-tag example, the reference backend at /api, and the demo's own endpoints at /demo (the
// tokens a host's server would mint, the clock, a reset).
//
//   node examples/marketplace/server.mjs        (after `pnpm run build`; PORT and HOST configure it)
import { serve } from '@hono/node-server';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startDemoBackend } from './demo-backend.mjs';

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const scriptTagPage = fileURLToPath(new URL('../script-tag/index.html', import.meta.url));
/** Where `pnpm run bundle` writes amicable.js and its locale chunks. */
export const bundleDir = join(fileURLToPath(import.meta.resolve('@amicable/elements/package.json')), '..', 'bundle');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The pages' Content-Security-Policy: scripts, styles and connections from this origin only, no
 * inline code (except inline scripts named by their hash), images also from `blob:` (the photo
 * previews) and `data:`.
 */
export function contentSecurityPolicy(scriptHashes = []) {
  const scripts = ["'self'", ...scriptHashes.map((hash) => `'sha256-${hash}'`)].join(' ');
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "img-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The SHA-256 (base64) of each inline `<script>` in `html`, for the policy to allow exactly those. */
function inlineScriptHashes(html) {
  const hashes = [];
  for (const [, body] of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(createHash('sha256').update(body, 'utf8').digest('base64'));
  }
  return hashes;
}

function json(body, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

function text(body, status) {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** A file from `dir` (`relativePath` as it comes in the URL), or 404; never a path outside `dir`. */
async function file(dir, relativePath, headers = {}) {
  let decoded;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return text('Bad request\n', 400);
  }
  const path = normalize(join(dir, decoded));
  if (!path.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return text('Not found\n', 404);
  try {
    const body = await readFile(path);
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    return new Response(body, { headers: { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', ...headers } });
  } catch {
    return text('Not found\n', 404);
  }
}

async function page(path) {
  const html = await readFile(path, 'utf8');
  return new Response(html, {
    headers: {
      'Content-Type': TYPES['.html'],
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': contentSecurityPolicy(inlineScriptHashes(html)),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  });
}

/** The demo's own endpoints: what a host's server would do, and the controls of the demo. */
async function demoEndpoint(request, url, backend) {
  const route = `${request.method} ${url.pathname}`;
  switch (route) {
    case 'GET /demo/orders':
      return json(backend.orders.map(({ orderId, summary, price, buyer, seller, locale }) => ({ orderId, summary, price, buyer, seller, locale })));
    case 'GET /demo/token': {
      const orderId = url.searchParams.get('order') ?? '';
      const role = url.searchParams.get('role') ?? '';
      try {
        return json({ token: await backend.mintToken(orderId, role) });
      } catch (error) {
        return json({ error: error instanceof Error ? error.message : String(error) }, 400);
      }
    }
    case 'GET /demo/clock':
      return json({ now: backend.now().toISOString() });
    case 'POST /demo/clock': {
      const body = await request.json().catch(() => ({}));
      try {
        return json(await backend.advance(Number(body?.hours)));
      } catch (error) {
        return json({ error: error instanceof Error ? error.message : String(error) }, 400);
      }
    }
    case 'POST /demo/reset':
      await backend.reset();
      return json({ now: backend.now().toISOString() });
    default:
      return json({ error: `no ${route}` }, url.pathname.startsWith('/demo/') && ['GET', 'POST'].includes(request.method) ? 404 : 405);
  }
}

function route(request, backend) {
  const url = new URL(request.url);
  const path = url.pathname;
  if (path === '/api' || path.startsWith('/api/')) {
    return backend === undefined ? new Response(null, { status: 503, headers: { 'Retry-After': '1' } }) : backend.handle(request);
  }
  if (path.startsWith('/demo/')) {
    return backend === undefined ? json({ error: 'starting' }, 503) : demoEndpoint(request, url, backend);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return text('Method not allowed\n', 405);
  if (path === '/' || path === '/index.html') return page(join(publicDir, 'index.html'));
  if (path === '/script-tag') return new Response(null, { status: 308, headers: { Location: '/script-tag/' } });
  if (path === '/script-tag/' || path === '/script-tag/index.html') return page(scriptTagPage);
  if (path.startsWith('/amicable/')) {
    // The bundle's chunks carry a content hash in their names and never change; the entry does.
    const immutable = /-[A-Za-z0-9_-]{8}\.js$/.test(path) ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {};
    return file(bundleDir, path.slice('/amicable/'.length), immutable);
  }
  if (path === '/favicon.ico') return new Response(null, { status: 204 });
  return file(publicDir, path.slice(1));
}

/**
 * Starts the demo on `host`:`port` (0: any free port). Resolves once the backend is ready, with
 * the page's `url`, the `backend` (clock, tokens, reset) and `close()`.
 */
export async function startDemoServer({ host = '127.0.0.1', port = 5173 } = {}) {
  let backend;
  const server = await new Promise((resolve, reject) => {
    const listening = serve({ fetch: (request) => route(request, backend), hostname: host, port }, () => {
      listening.off('error', reject);
      resolve(listening);
    });
    listening.once('error', reject);
  });
  const { port: chosen } = server.address();
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${chosen}/`;
  try {
    backend = await startDemoBackend({ baseUrl: `${url}api` });
  } catch (error) {
    server.close();
    throw error;
  }
  let closing;
  return {
    url,
    backend,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        // Event streams and keep-alive connections would hold `close` open.
        server.closeAllConnections();
      }).then(() => backend.close());
      return closing;
    },
  };
}

async function main() {
  const portText = process.env.PORT ?? '5173';
  if (!/^\d+$/.test(portText) || Number(portText) > 65_535) throw new Error(`PORT must be a port number, not "${portText}"`);
  const demo = await startDemoServer({ host: process.env.HOST ?? '127.0.0.1', port: Number(portText) });
  const bundleMissing = await readFile(join(bundleDir, 'amicable.js')).then(() => false, () => true);
  console.log('Amicable demo marketplace');
  console.log(`  the shop's order page   ${demo.url}`);
  console.log(`  the script-tag example  ${demo.url}script-tag/`);
  console.log(`  the reference backend   ${demo.url}api (PGlite in memory; nothing is kept)`);
  if (bundleMissing) console.warn('\n  packages/elements/bundle/amicable.js is missing: run `pnpm run build` first.');
  console.log('\nOpen the first URL in a browser. Press Ctrl+C to stop.');
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    demo.close().then(() => process.exit(0), (error) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
    if (error?.code === 'EADDRINUSE') console.error('Another program uses that port; choose another with PORT=<number>.');
    process.exitCode = 1;
  });
}
