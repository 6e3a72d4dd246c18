// Drives the demo marketplace through every flow in headless Chromium and saves a picture of each
// step, for people to look at: the buyer's intake, the seller's answer, a counter-offer answered by
// the buyer, a seller accepting, and an escalation after a deadline lapses.
//
//   node scripts/screenshots.mjs [--variant <name>]... [--out <dir>]     (after `pnpm run build`)
//
// Variants: light, dark, nl (Dutch) and mobile-360 (a phone 360 px wide). Writes
// screenshots/<variant>/<nn>-<step>.png and screenshots/index.html. A step that fails is reported
// (with a picture of the page as it was) and its flow stops; the next flow and the next variant go
// on. Exits 1 when any step failed. Not part of CI.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from '../examples/marketplace/server.mjs';
import { CHROME_ARGS, CHROME_PATH } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const elementsDist = join(root, 'packages', 'elements', 'dist');

const DESKTOP = { width: 1280, height: 900, deviceScaleFactor: 1 };
const PHONE = { width: 360, height: 780, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

const VARIANTS = [
  { name: 'light', locale: 'en', theme: 'light', scheme: 'light', viewport: DESKTOP },
  { name: 'dark', locale: 'en', theme: 'dark', scheme: 'dark', viewport: DESKTOP },
  { name: 'nl', locale: 'nl', theme: 'light', scheme: 'light', viewport: DESKTOP },
  { name: 'mobile-360', locale: 'en', theme: 'auto', scheme: 'light', viewport: PHONE },
  { name: 'ar', locale: 'ar', theme: 'light', scheme: 'light', viewport: DESKTOP },
];

/** What the buyer and the seller type, in the variant's language. */
const WORDS = {
  en: {
    damage: 'The carafe arrived with a crack along the handle, and the box was dented on that side.',
    missing: 'The box had only one pack of filters instead of the two I ordered.',
    late: 'The technicians came two days after the agreed date, so we had no cooling over the weekend.',
    counter: 'We are sorry about the carafe. We can refund part of the price; the dripper itself is fine.',
    reject: 'The filters were packed as two packs in one sleeve; please check the sleeve again.',
  },
  nl: {
    damage: 'De karaf kwam aan met een barst langs het handvat, en de doos was aan die kant gedeukt.',
    missing: 'In de doos zat maar één pak filters in plaats van de twee die ik bestelde.',
    late: 'De monteurs kwamen twee dagen na de afgesproken datum, dus we hadden het hele weekend geen koeling.',
    counter: 'Sorry voor de karaf. We kunnen een deel van de prijs terugbetalen; de dripper zelf is in orde.',
    reject: 'De filters zaten als twee pakken in één hoes; kijk alsjeblieft nog eens in de hoes.',
  },
  ar: {
    damage: 'وصل الإبريق وفيه شرخ على طول المقبض، وكانت العلبة منبعجة من تلك الجهة.',
    missing: 'لم يكن في العلبة إلا عبوة واحدة من الفلاتر بدلًا من العبوتين اللتين طلبتهما.',
    late: 'جاء الفنيون بعد الموعد المتفق عليه بيومين، فبقينا بلا تبريد طوال عطلة نهاية الأسبوع.',
    counter: 'نأسف لما حدث للإبريق. يمكننا رد جزء من الثمن؛ أما أداة التقطير نفسها فسليمة.',
    reject: 'كانت الفلاتر معبأة كعبوتين في غلاف واحد؛ يُرجى التحقق من الغلاف مرة أخرى.',
  },
};


function parseArgs(argv) {
  const options = { variants: [], out: join(root, 'screenshots') };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--variant') options.variants.push(argv[++i]);
    else if (arg === '--out') options.out = argv[++i];
    else throw new Error(`unknown argument: ${arg}`);
  }
  for (const name of options.variants) {
    if (!VARIANTS.some((variant) => variant.name === name)) throw new Error(`no variant ${name}; there are ${VARIANTS.map((v) => v.name).join(', ')}`);
  }
  return options;
}

// --- strings, as the elements show them ------------------------------------------------------

const catalogs = {
  en: (await import(pathToFileURL(join(elementsDist, 'localization', 'catalog.js')).href)).en,
  nl: (await import(pathToFileURL(join(elementsDist, 'locales', 'nl.js')).href)).nl,
  ar: (await import(pathToFileURL(join(elementsDist, 'locales', 'ar.js')).href)).ar,
};

/** The text of `key` in `locale`, with `{name}` placeholders filled in. */
function say(locale, key, params = {}) {
  const message = catalogs[locale][key] ?? catalogs.en[key];
  if (message === undefined) throw new Error(`no string ${key}`);
  const text = typeof message === 'string' ? message : message.other;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}

// --- driving the page --------------------------------------------------------------------------

/**
 * Waits for an element inside `host`'s shadow tree (nested shadow roots included) that matches
 * `selector`, is rendered, and (with `text`) has exactly that text; returns the `index`th one.
 */
async function find(page, host, selector, { text, index = 0, visible = true, timeout = 15_000 } = {}) {
  try {
    const handle = await page.waitForFunction(
      (host, selector, text, index, visible) => {
        const found = [];
        const walk = (node) => {
          found.push(...node.querySelectorAll(selector));
          for (const element of node.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
        };
        const start = document.querySelector(host)?.shadowRoot;
        if (!start) return null;
        walk(start);
        const fits = found.filter(
          (element) =>
            (!visible || element.getClientRects().length > 0) &&
            (text === null || element.textContent.replace(/\s+/g, ' ').trim() === text),
        );
        return fits[index] ?? null;
      },
      { timeout, polling: 100 },
      host,
      selector,
      text ?? null,
      index,
      visible,
    );
    return handle.asElement();
  } catch (error) {
    throw new Error(`${host} has no ${selector}${text === undefined ? '' : ` saying "${text}"`}${index ? ` (#${index + 1})` : ''}: ${error.message}`);
  }
}

/** Waits until nothing in `host` matches `selector` any more. */
async function gone(page, host, selector, timeout = 15_000) {
  await page.waitForFunction(
    (host, selector) => {
      const walk = (node) => node.querySelector(selector) !== null || [...node.querySelectorAll('*')].some((e) => e.shadowRoot && walk(e.shadowRoot));
      const start = document.querySelector(host)?.shadowRoot;
      return start !== undefined && start !== null && !walk(start);
    },
    { timeout, polling: 100 },
    host,
    selector,
  );
}

async function click(page, host, selector, options) {
  const element = await find(page, host, selector, options);
  await element.click();
}

/** Replaces the text of a field. */
async function fill(page, host, selector, text) {
  const field = await find(page, host, selector);
  await field.click({ count: 3 });
  await field.evaluate((element) => element.select?.());
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: 0 });
}

/** Lets rendering and the last transition finish. */
async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await new Promise((resolve) => setTimeout(resolve, 200));
}

/** Starts the demo's data afresh: the seeded orders, no disputes, the real time. */
async function reset(demo) {
  const response = await fetch(new URL('/demo/reset', demo.url), { method: 'POST' });
  if (!response.ok) throw new Error(`the reset answered ${response.status}`);
}

/** A photo of a cracked carafe, drawn in the browser and encoded as JPEG. */
async function makePhoto(browser, path) {
  const page = await browser.newPage();
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(1600, 1200);
    const g = canvas.getContext('2d');
    const wall = g.createLinearGradient(0, 0, 0, 1200);
    wall.addColorStop(0, '#e9e2d4');
    wall.addColorStop(1, '#b9ab92');
    g.fillStyle = wall;
    g.fillRect(0, 0, 1600, 1200);
    g.fillStyle = '#8a5a34';
    g.beginPath();
    g.ellipse(800, 640, 360, 430, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#a8703f';
    g.beginPath();
    g.ellipse(760, 560, 250, 300, 0, 0, Math.PI * 2);
    g.fill();
    g.strokeStyle = '#2b1a0e';
    g.lineWidth = 9;
    g.beginPath();
    for (const [x, y] of [[700, 260], [740, 380], [705, 470], [770, 600], [735, 720], [800, 860]]) g.lineTo(x, y);
    g.stroke();
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
  await page.close();
  await writeFile(path, Buffer.from(base64, 'base64'));
}

// --- the flows ---------------------------------------------------------------------------------

const BUYER = 'dispute-opener';
const SELLER = 'proposal-picker';

/** Clicks `index`th answer, then writes the description and moves on to the photos. */
async function answerAndDescribe(s, { option, words }) {
  await click(s.page, BUYER, '[part~="option"]', { index: option });
  await fill(s.page, BUYER, 'textarea#description', words);
  await click(s.page, BUYER, '[part~="next-button"]');
}

/** Makes sure the proposal at `index` is chosen. */
async function choose(s, index) {
  const box = await find(s.page, BUYER, '[part~="proposal"] input[type="checkbox"]', { index });
  if (!(await box.evaluate((input) => input.checked))) await box.click();
}

async function submit(s) {
  await find(s.page, BUYER, '[part~="review"]');
  await click(s.page, BUYER, '[part~="submit-button"]');
  await find(s.page, BUYER, '[part~="status"]');
}

/** ord-1001 in euros: the whole intake with a photo, a counter-offer, and the buyer accepting it. */
async function counterOfferFlow(s) {
  await s.open('ord-1001');
  await s.step('order-page', 'page', async () => {
    await find(s.page, BUYER, '[part~="option"]');
  });
  await s.step('buyer-question', 'buyer', async () => {});
  await s.step('buyer-describe', 'buyer', async () => {
    await click(s.page, BUYER, '[part~="option"]', { index: 1 });
    await fill(s.page, BUYER, 'textarea#description', s.words.damage);
  });
  await s.step('buyer-photos', 'buyer', async () => {
    await click(s.page, BUYER, '[part~="next-button"]');
    const input = await find(s.page, BUYER, 'input[type="file"]', { visible: false });
    await input.uploadFile(s.photo);
    await find(s.page, BUYER, '[part~="item"].done img[part~="thumbnail"]');
  });
  await s.step('buyer-propose', 'buyer', async () => {
    await click(s.page, BUYER, '[part~="next-button"]');
    await choose(s, 0);
    await find(s.page, BUYER, 'input#amount');
  });
  await s.step('buyer-review', 'buyer', async () => {
    await click(s.page, BUYER, '[part~="next-button"]');
    await find(s.page, BUYER, '[part~="review"]');
  });
  await s.step('buyer-submitted', 'both', async () => {
    await submit(s);
    await find(s.page, SELLER, '[part~="accept-button"]');
  });
  await s.step('seller-evidence', 'seller', async () => {
    await find(s.page, SELLER, '[part~="photo"]');
  });
  await s.step('seller-photo', 'page-viewport', async () => {
    await click(s.page, SELLER, '[part~="photo"]');
    await find(s.page, SELLER, '[part~="viewer-image"]');
  });
  await s.step('seller-counter', 'seller', async () => {
    await s.page.keyboard.press('Escape');
    await gone(s.page, SELLER, 'dialog[open]');
    await click(s.page, SELLER, '[part~="counter-button"]');
    const type = await find(s.page, SELLER, 'select#counter-type');
    await type.select('partial_refund');
    await fill(s.page, SELLER, 'input#counter-amount', '8');
    await fill(s.page, SELLER, 'textarea#counter-message', s.words.counter);
    await s.page.keyboard.press('Tab');
  });
  await s.step('seller-confirm-counter', 'seller', async () => {
    await click(s.page, SELLER, '[part~="continue-button"]');
    await find(s.page, SELLER, '[part~="confirm-button"]');
  });
  await s.step('seller-countered', 'seller', async () => {
    await click(s.page, SELLER, '[part~="confirm-button"]');
    await find(s.page, SELLER, '[part~="status"]');
  });
  await s.step('buyer-counter-offer', 'buyer', async () => {
    await find(s.page, BUYER, '[part~="counter-offer"]');
  });
  await s.step('buyer-confirm-accept', 'buyer', async () => {
    await click(s.page, BUYER, 'button', { text: s.say('actions.accept') });
    await find(s.page, BUYER, 'button', { text: s.say('actions.send.accept') });
  });
  await s.step('buyer-settled', 'both', async () => {
    await click(s.page, BUYER, 'button', { text: s.say('actions.send.accept') });
    await find(s.page, BUYER, '[part~="settlement"]');
    await find(s.page, SELLER, '[part~="settlement"]');
  });
}

/** ord-1002 in yen: an intake without photos, the seller looking at a rejection, then accepting. */
async function acceptFlow(s) {
  await s.open('ord-1002');
  await s.step('jpy-buyer-review', 'buyer', async () => {
    await answerAndDescribe(s, { option: 3, words: s.words.missing });
    await find(s.page, BUYER, 'input[type="file"]', { visible: false });
    await click(s.page, BUYER, '[part~="next-button"]');
    await choose(s, 1);
    await click(s.page, BUYER, '[part~="next-button"]');
    await find(s.page, BUYER, '[part~="review"]');
  });
  await s.step('jpy-seller-proposals', 'seller', async () => {
    await submit(s);
    await find(s.page, SELLER, '[part~="accept-button"]');
  });
  await s.step('jpy-seller-reject', 'seller', async () => {
    await click(s.page, SELLER, '[part~="reject-button"]');
    await fill(s.page, SELLER, 'textarea#reason', s.words.reject);
  });
  await s.step('jpy-seller-confirm-accept', 'seller', async () => {
    await click(s.page, SELLER, '[part~="back-button"]');
    await click(s.page, SELLER, '[part~="accept-button"]');
    await find(s.page, SELLER, '[part~="confirm-button"]');
  });
  await s.step('jpy-seller-outcome', 'both', async () => {
    await click(s.page, SELLER, '[part~="confirm-button"]');
    await find(s.page, SELLER, '[part~="settlement"]');
    await find(s.page, BUYER, '[part~="settlement"]');
  });
}

/** ord-1003 in dinars: nobody answers, the clock moves on, and the deadline sends the case to support. */
async function deadlineFlow(s) {
  await s.open('ord-1003');
  await s.step('kwd-buyer-submitted', 'both', async () => {
    await answerAndDescribe(s, { option: 2, words: s.words.late });
    await find(s.page, BUYER, 'input[type="file"]', { visible: false });
    await click(s.page, BUYER, '[part~="next-button"]');
    await choose(s, 0);
    await click(s.page, BUYER, '[part~="next-button"]');
    await submit(s);
    await find(s.page, BUYER, '[part~="deadline"]');
    await find(s.page, SELLER, '[part~="deadline"]');
  });
  await s.step('kwd-one-day-later', 'both', async () => {
    await s.page.click('[data-advance-hours="24"]');
    await s.page.waitForFunction(() => document.querySelector('#demo-status')?.textContent.includes('moved'));
  });
  await s.step('kwd-escalated', 'both', async () => {
    await s.page.click('[data-advance-hours="72"]');
    await find(s.page, BUYER, '[part~="headline"]', { text: s.say('status.headline.escalated.buyer'), timeout: 30_000 });
    await find(s.page, SELLER, '[part~="headline"]', { text: s.say('status.headline.escalated.seller'), timeout: 30_000 });
  });
}

const FLOWS = [
  ['a counter-offer, accepted by the buyer (ord-1001, EUR)', counterOfferFlow],
  ['the seller accepts a proposal (ord-1002, JPY)', acceptFlow],
  ['escalation when the deadline lapses (ord-1003, KWD)', deadlineFlow],
];

// --- one variant -----------------------------------------------------------------------------

async function runVariant(browser, demo, variant, out, photo) {
  const dir = join(out, variant.name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const shots = [];
  const failures = [];
  await reset(demo);

  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(variant.viewport);
  await page.emulateMediaFeatures([
    { name: 'prefers-color-scheme', value: variant.scheme },
    { name: 'prefers-reduced-motion', value: 'reduce' },
  ]);
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  let number = 0;
  const s = {
    page,
    photo,
    words: WORDS[variant.locale] ?? WORDS.en,
    say: (key, params) => say(variant.locale, key, params),
    async open(order) {
      const query = new URLSearchParams({ order, lang: variant.locale, theme: variant.theme });
      await page.goto(`${demo.url}?${query}`, { waitUntil: 'load' });
    },
    /** Runs `action`, then saves a picture of `target`: a side, both views, the page, or what the viewport shows. */
    async step(name, target, action) {
      number += 1;
      const file = `${String(number).padStart(2, '0')}-${name}.png`;
      try {
        await action();
        await settle(page);
        await capture(page, variant, target, join(dir, file));
        shots.push({ file, name });
      } catch (error) {
        const failed = file.replace(/\.png$/, '-failed.png');
        await page.screenshot({ path: join(dir, failed), fullPage: true }).catch(() => undefined);
        failures.push({ step: name, file: failed, message: error.message.split('\n')[0] });
        throw error;
      }
    },
  };

  for (const [title, flow] of FLOWS) {
    try {
      await flow(s);
    } catch (error) {
      console.error(`  ${variant.name}: "${title}" stopped at step ${failures.at(-1)?.step ?? '?'}: ${error.message.split('\n')[0]}`);
    }
  }
  await context.close();
  return { variant: variant.name, shots, failures, problems };
}

async function capture(page, variant, target, path) {
  if (target === 'page') return page.screenshot({ path, fullPage: true });
  if (target === 'page-viewport') return page.screenshot({ path });
  // On a phone the views are stacked: the side that acted is the picture; on a desktop, both.
  const side = variant.viewport === PHONE && target !== 'both' ? target : 'both';
  const selector = side === 'buyer' ? `section:has(> ${BUYER})` : side === 'seller' ? `section:has(> ${SELLER})` : '.views';
  const element = await page.$(selector);
  if (element === null) throw new Error(`no ${selector} to take a picture of`);
  await element.screenshot({ path });
}

function indexHtml(results) {
  const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const sections = results.map(({ variant, shots, failures, problems }) => `
  <section>
    <h2>${escape(variant)}</h2>
    ${failures.length === 0 ? '' : `<ul class="failed">${failures.map((f) => `<li>Step <strong>${escape(f.step)}</strong> failed: ${escape(f.message)} (<a href="${variant}/${f.file}">the page then</a>)</li>`).join('')}</ul>`}
    ${problems.length === 0 ? '' : `<ul class="failed">${problems.map((p) => `<li>Page error: ${escape(p)}</li>`).join('')}</ul>`}
    <div class="grid">${shots.map(({ file, name }) => `
      <figure><a href="${variant}/${file}"><img src="${variant}/${file}" alt="${escape(name)}" loading="lazy"></a><figcaption>${escape(file)}</figcaption></figure>`).join('')}
    </div>
  </section>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Amicable: screenshots of every step</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 1.5rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
  figure { margin: 0; border: 1px solid #ccc; padding: 0.5rem; }
  img { inline-size: 100%; block-size: 14rem; object-fit: contain; object-position: top; background: #f3f3f3; }
  .failed { color: #a00; }
</style>
</head>
<body>
<h1>Every step of the demo, per variant</h1>
<p>Taken by <code>pnpm run screenshots</code> in headless Chromium; variants: ${results.map((r) => escape(r.variant)).join(', ')}.</p>
${sections.join('\n')}
</body>
</html>
`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const variants = options.variants.length ? VARIANTS.filter((v) => options.variants.includes(v.name)) : VARIANTS;
  await mkdir(options.out, { recursive: true });

  const demo = await startDemoServer({ port: 0 });
  const browser = await puppeteer.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
  const results = [];
  try {
    const photo = join(options.out, 'carafe.jpg');
    await makePhoto(browser, photo);
    for (const variant of variants) {
      console.log(`${variant.name}…`);
      const result = await runVariant(browser, demo, variant, options.out, photo);
      console.log(`  ${result.shots.length} pictures${result.failures.length ? `, ${result.failures.length} failed step(s)` : ''}${result.problems.length ? `, ${result.problems.length} page error(s)` : ''}`);
      results.push(result);
    }
  } finally {
    await browser.close();
    await demo.close();
  }
  await writeFile(join(options.out, 'index.html'), indexHtml(results));
  console.log(`\nWrote ${join(options.out, 'index.html')}`);
  const failed = results.flatMap((r) => r.failures.map((f) => `${r.variant}: ${f.step}: ${f.message}`));
  if (failed.length) {
    console.error(`\nFailed steps:\n${failed.map((line) => `  ${line}`).join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
