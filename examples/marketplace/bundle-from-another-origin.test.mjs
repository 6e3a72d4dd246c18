// The script-tag bundle served from another origin, as a CDN serves it: a shop's page on one
// origin loads amicable.js from another, and a photo chosen there is still prepared in a worker
// (a same-origin blob: module importing the worker file), or, where the page's policy allows no
// blob: worker, on the page by the fallback chunk. Needs `pnpm run build` (or `pnpm run bundle`).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, CHROME_PATH } from '../../scripts/chromium.mjs';
import { choosePhoto } from './choose-photo.mjs';

const bundle = new URL('../../packages/elements/bundle/', import.meta.url);

/** Serves `handler` on a free port of 127.0.0.1; resolves with its origin and a close function. */
async function serve(handler) {
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('the script-tag bundle from another origin', () => {
  let cdn;
  let shop;
  let browser;
  let policy;

  before(async () => {
    assert.ok(existsSync(new URL('amicable.js', bundle)), 'packages/elements/bundle/amicable.js is missing: run `pnpm run build`');
    // The CDN: the bundle's files, readable by any origin.
    cdn = await serve(async (request, response) => {
      const name = new URL(request.url, 'http://cdn').pathname.slice(1);
      if (!/^amicable[\w-]*\.js$/.test(name)) return response.writeHead(404).end();
      response.writeHead(200, { 'Content-Type': 'text/javascript', 'Access-Control-Allow-Origin': '*' });
      response.end(await readFile(new URL(name, bundle)));
    });
    // The shop: one page with an uploader in a form, under the policy the test sets.
    shop = await serve((request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': policy });
      response.end(`<!doctype html><html lang="en"><title>Shop</title>
        <form><photo-uploader name="photos"></photo-uploader></form>
        <script type="module" src="${cdn.origin}/amicable.js"></script></html>`);
    });
    browser = await puppeteer.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
  });
  after(async () => {
    await browser?.close();
    await cdn?.close();
    await shop?.close();
  });

  /** Chooses a 3000 x 2000 photo on the shop's page; resolves with the file the form would send and the bundle's files fetched. */
  async function sendPhoto() {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(shop.origin, { waitUntil: 'load' });
    await choosePhoto(page);
    const sent = await page.evaluate(async () => {
      const form = document.querySelector('form');
      for (const until = Date.now() + 30_000; new FormData(form).getAll('photos').length === 0; ) {
        if (Date.now() > until) throw new Error('no photo was prepared within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const [file] = new FormData(form).getAll('photos');
      const bitmap = await createImageBitmap(file);
      return { name: file.name, type: file.type, width: bitmap.width, height: bitmap.height };
    });
    const fetched = await page.evaluate(() =>
      performance.getEntriesByType('resource').map(({ name }) => new URL(name)).map(({ origin, pathname }) => `${origin}${pathname}`));
    await page.close();
    return { sent, errors, fetched: fetched.filter((url) => url.startsWith(cdn.origin)).map((url) => url.slice(cdn.origin.length + 1)) };
  }

  it('prepares the photo in a worker started from a blob: module, where the policy allows it', async () => {
    // A worker's imports are fetched as the worker is: worker-src names the CDN too.
    policy = `default-src 'self'; script-src ${cdn.origin}; worker-src blob: ${cdn.origin}; img-src blob:`;
    const { sent, errors, fetched } = await sendPhoto();
    assert.deepEqual(errors, []);
    assert.deepEqual(sent, { name: 'photo.jpg', type: 'image/jpeg', width: 2048, height: 1365 });
    assert.ok(fetched.some((file) => file.startsWith('amicable-photo-worker-')), `the worker file came from the CDN: ${fetched}`);
    assert.ok(!fetched.some((file) => file.startsWith('amicable-process-photo-')), 'the page did not do the work');
  });

  it('prepares it on the page, with the fallback chunk, where the policy allows no blob: worker', async () => {
    policy = `default-src 'self'; script-src ${cdn.origin}; img-src blob:`;
    const { sent, errors, fetched } = await sendPhoto();
    assert.deepEqual(errors, []);
    assert.deepEqual(sent, { name: 'photo.jpg', type: 'image/jpeg', width: 2048, height: 1365 });
    assert.ok(fetched.some((file) => file.startsWith('amicable-process-photo-')), `the fallback chunk came from the CDN: ${fetched}`);
  });
});
