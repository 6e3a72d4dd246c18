// The demo server serves the shop's page, the script-tag example and the bundle under a strict
// Content-Security-Policy, runs the reference backend at /api, and its controls work; both pages
// load in Chromium without a policy violation or an error. Needs `pnpm run build` first.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, CHROME_PATH } from '../../scripts/chromium.mjs';
import { choosePhoto } from './choose-photo.mjs';
import { startDemoServer } from './server.mjs';


let demo;
const at = (path) => new URL(path, demo.url).href;

async function tokenFor(orderId, role) {
  const response = await fetch(at(`/demo/token?order=${orderId}&role=${role}`));
  assert.equal(response.status, 200);
  return (await response.json()).token;
}

async function context(orderId, token) {
  return fetch(at(`/api/orders/${orderId}/context`), { headers: { Authorization: `Bearer ${token}` } });
}

before(async () => {
  demo = await startDemoServer({ port: 0 });
});
after(async () => {
  await demo?.close();
});

describe('the demo server', () => {
  it('serves the order page under a policy that allows no inline code', async () => {
    const response = await fetch(demo.url);
    assert.equal(response.status, 200);
    const policy = response.headers.get('content-security-policy');
    assert.match(policy, /default-src 'self'/);
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.doesNotMatch(policy, /unsafe/);
    const html = await response.text();
    assert.match(html, /<script type="module" src="\/amicable\/amicable\.js"><\/script>/);
    assert.doesNotMatch(html, /\sstyle=/);
    assert.match(html, /<dispute-opener[^>]*api-base="\/api"/);
    assert.match(html, /<proposal-picker[^>]*api-base="\/api"/);
  });

  it('serves the script-tag bundle and every file it loads on demand, as JavaScript', async () => {
    const response = await fetch(at('/amicable/amicable.js'));
    assert.equal(response.status, 200, 'packages/elements/bundle/amicable.js is missing: run `pnpm run build`');
    assert.match(response.headers.get('content-type'), /^text\/javascript/);
    const code = await response.text();
    const chunks = [...code.matchAll(/import\(["'`]\.\/([^"'`]+\.js)["'`]\)/g)].map(([, file]) => file);
    const workers = [...code.matchAll(/new URL\(["'`](amicable-photo-worker-[^"'`]+\.js)["'`],\s*import\.meta\.url\)/g)].map(([, file]) => file);
    assert.deepEqual(
      chunks.map((chunk) => chunk.match(/^amicable-(ar|de|fr|nl|process-photo)-/)?.[1] ?? chunk).sort(),
      ['ar', 'de', 'fr', 'nl', 'process-photo'],
      'one chunk per shipped locale besides English, and the photo pipeline for pages where no worker may start',
    );
    assert.equal(workers.length, 1, 'the photo worker');
    for (const chunk of [...chunks, ...workers]) {
      const served = await fetch(at(`/amicable/${chunk}`));
      assert.equal(served.status, 200, chunk);
      assert.match(served.headers.get('content-type'), /^text\/javascript/);
      assert.doesNotMatch(await served.text(), /\bimport\b[^(]/, `${chunk} imports nothing`);
    }
  });

  it('serves the script-tag example with its one inline script allowed by hash', async () => {
    const response = await fetch(at('/script-tag/'));
    assert.equal(response.status, 200);
    const policy = response.headers.get('content-security-policy');
    assert.match(policy, /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
    assert.doesNotMatch(policy, /unsafe/);
    assert.equal((await fetch(at('/script-tag'), { redirect: 'manual' })).headers.get('location'), '/script-tag/');
  });

  it('mints tokens scoped to one order and role, which the backend at /api accepts', async () => {
    const buyer = await tokenFor('ord-1002', 'buyer');
    const answer = await context('ord-1002', buyer);
    assert.equal(answer.status, 200);
    assert.equal((await answer.json()).role, 'buyer');
    assert.equal((await context('ord-1001', buyer)).status, 403);
    assert.equal((await fetch(at('/demo/token?order=ord-1002&role=support'))).status, 400);
    assert.equal((await fetch(at('/demo/token?order=ord-9999&role=buyer'))).status, 400);
  });

  it('moves the backend clock past a deadline, which lapses, and starts over on reset', async () => {
    const start = new Date((await (await fetch(at('/demo/clock'))).json()).now);
    const buyer = await tokenFor('ord-1001', 'buyer');
    // "I changed my mind": no photos, one proposal, and the seller has 72 hours before it is accepted.
    const opened = await fetch(at('/api/orders/ord-1001/dispute'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${buyer}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({
        orderId: 'ord-1001',
        treeId: 'physical-goods',
        treeVersion: 1,
        path: [{ nodeId: 'what-went-wrong', optionId: 'changed-mind' }],
        outcomeId: 'changed-mind',
        description: '',
        photoIds: [],
        proposals: [{ type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 14 }],
      }),
    });
    assert.equal(opened.status, 201, await opened.clone().text());
    assert.equal((await opened.json()).status, 'awaiting_seller');

    const advance = (hours) => fetch(at('/demo/clock'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ hours }) });
    const early = await (await advance(24)).json();
    assert.equal(early.swept, 0);
    const late = await advance(49);
    assert.equal(late.status, 200);
    const { now, swept } = await late.json();
    assert.ok(new Date(now) - start >= 73 * 3_600_000);
    assert.equal(swept, 1);
    const seller = await tokenFor('ord-1001', 'seller');
    const lapsed = await fetch(at('/api/orders/ord-1001/dispute'), { headers: { Authorization: `Bearer ${seller}` } });
    assert.notEqual((await lapsed.json()).status, 'awaiting_seller');
    assert.equal((await advance(-1)).status, 400);

    const reset = await fetch(at('/demo/reset'), { method: 'POST' });
    assert.equal(reset.status, 200);
    assert.ok(new Date((await reset.json()).now) - start < 3_600_000);
    const afresh = await context('ord-1001', await tokenFor('ord-1001', 'seller'));
    assert.equal(afresh.status, 200);
    assert.equal((await afresh.json()).dispute ?? null, null);
  });

  it('keeps requests outside its public folders out', async () => {
    assert.equal((await fetch(at('/amicable/..%2F..%2Fpackage.json'))).status, 404);
    assert.equal((await fetch(at('/..%2Fserver.mjs'))).status, 404);
    assert.equal((await fetch(at('/amicable/%E0%A4%A.js'))).status, 400);
  });
});

describe('the pages in Chromium', () => {
  let browser;
  before(async () => {
    assert.ok(existsSync(CHROME_PATH), `no browser at ${CHROME_PATH}: install Chromium or set CHROME_PATH`);
    browser = await puppeteer.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
  });
  after(async () => {
    await browser?.close();
  });

  /** Opens `path`; `problems` collects the page's errors and the policy's violations from then on. */
  async function open(path) {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await page.goto(at(path), { waitUntil: 'load' });
    return { page, problems };
  }

  /** Opens `path` and waits for the widgets to render; returns what went wrong on the way. */
  async function load(path, tags) {
    const { page, problems } = await open(path);
    const rendered = await page.waitForFunction(
      (names) => names.every((name) => customElements.get(name) && document.querySelector(name)?.shadowRoot?.childElementCount > 0),
      { timeout: 15_000 },
      tags,
    ).then(() => true, () => false);
    await page.close();
    return { rendered, problems };
  }

  it('the order page defines and renders both views', async () => {
    const { rendered, problems } = await load('/', ['dispute-opener', 'proposal-picker']);
    assert.deepEqual(problems, []);
    assert.ok(rendered, 'both views render');
  });

  it('the order page in Dutch loads the Dutch strings from their chunk beside the bundle', async () => {
    const { nl } = await import(new URL('../../packages/elements/dist/locales/nl.js', import.meta.url).href);
    const page = await browser.newPage();
    const chunks = [];
    page.on('request', (request) => {
      if (/\/amicable\/amicable-nl-[^/]+\.js$/.test(new URL(request.url()).pathname)) chunks.push(request.url());
    });
    await page.goto(at('/?order=ord-1001&lang=nl'), { waitUntil: 'load' });
    const dutch = await page.waitForFunction(
      (text) => document.querySelector('dispute-opener')?.shadowRoot?.textContent.includes(text),
      { timeout: 15_000 },
      nl['opener.step.question'],
    ).then(() => true, () => false);
    await page.close();
    assert.ok(dutch, `the buyer's view says "${nl['opener.step.question']}"`);
    assert.equal(chunks.length, 1);
  });

  it('amicable.js?prefix=acme registers prefixed tags only, also after a locale chunk loads', async () => {
    const page = await browser.newPage();
    // A document of this origin without the bundle.
    await page.goto(at('/demo/clock'), { waitUntil: 'load' });
    await page.evaluate(async () => {
      await import('/amicable/amicable.js?prefix=acme');
      const opener = document.createElement('acme-dispute-opener');
      opener.setAttribute('locale', 'de');
      document.body.append(opener);
    });
    // The German chunk is fetched for the new element; it must not bring a second, unprefixed copy of the entry.
    await page.waitForFunction(
      () => performance.getEntriesByType('resource').some(({ name }) => new URL(name).pathname.startsWith('/amicable/amicable-de-')),
      { timeout: 15_000 },
    );
    const defined = await page.evaluate(() =>
      ['acme-dispute-opener', 'acme-photo-uploader', 'acme-proposal-picker', 'dispute-opener', 'photo-uploader', 'proposal-picker'].map((tag) => customElements.get(tag) !== undefined),
    );
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').map(({ name }) => new URL(name)).filter((url) => url.pathname === '/amicable/amicable.js').map((url) => url.search),
    );
    await page.close();
    assert.deepEqual(defined, [true, true, true, false, false, false]);
    assert.deepEqual(entries, ['?prefix=acme']);
  });

  it('the script-tag file also gives a page createClient, to share one client between elements', async () => {
    const page = await browser.newPage();
    await page.goto(at('/demo/clock'), { waitUntil: 'load' });
    const shared = await page.evaluate(async () => {
      const { createClient } = await import('/amicable/amicable.js');
      const client = createClient({ baseUrl: `${location.origin}/api`, getToken: () => 'token' });
      const opener = document.createElement('dispute-opener');
      opener.client = client;
      document.body.append(opener);
      return typeof client.getContext === 'function' && opener.client === client;
    });
    await page.close();
    assert.equal(shared, true);
  });

  it('the script-tag example prepares a chosen photo in the worker beside the bundle, under its policy, and uploads it', async () => {
    const { page, problems } = await open('/script-tag/');
    await choosePhoto(page);
    const uploaded = await page.waitForFunction(() => document.querySelector('photo-uploader').photos[0], { timeout: 30_000 }).then((handle) => handle.jsonValue());
    const workers = await page.evaluate(() =>
      performance.getEntriesByType('resource').map(({ name }) => new URL(name).pathname).filter((path) => path.startsWith('/amicable/amicable-photo-worker-')));
    await page.close();
    assert.deepEqual(problems, []);
    assert.deepEqual([uploaded.width, uploaded.height, uploaded.contentType], [2048, 1365, 'image/jpeg']);
    assert.equal(workers.length, 1, 'the worker was loaded from beside the bundle');
  });

  it('the script-tag example renders its three elements', async () => {
    const { rendered, problems } = await load('/script-tag/', ['dispute-opener', 'proposal-picker', 'photo-uploader']);
    assert.deepEqual(problems, []);
    assert.ok(rendered, 'the three elements render');
  });
});
