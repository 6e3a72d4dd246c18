// What a photo costs to prepare for upload, by who prepares it: our pipeline (PhotoProcessor and
// its Worker), browser-image-compression (in its Worker), compressorjs (on the page) and the bare
// browser path (createImageBitmap with resizing, then an OffscreenCanvas JPEG, in a Worker) as the
// floor. All in headless Chromium, on the same camera-like photos painted in the page (12 and 24
// megapixels, with EXIF orientation 6 and GPS), to 2048 px at JPEG quality 0.85, in one run.
//
//   pnpm run bench:photos [-- --photos N] [-- --sizes 12,24]
//
// Builds the page with vite (our pipeline read from its TypeScript sources), serves it on
// 127.0.0.1, prints a table (time, bytes, PSNR against a never-encoded reference downscale,
// main-thread long tasks, metadata left in the output) and writes .bench/photos.json. The page
// sources type-check with `pnpm exec tsc -p scripts/bench-photos`.
import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';
import { CHROME_ARGS, CHROME_PATH } from '../chromium.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const outDir = join(root, '.bench');
const pageDir = join(outDir, 'photos-page');
const started = Date.now();
// Other work on the machine slows every method alike (they are interleaved), but it shows in the spread.
const loadAtStart = loadavg();

// Stored size of each choice of --sizes, landscape as a sensor records it (the EXIF turns it upright).
const SIZES = {
  12: { width: 4000, height: 3000 },
  24: { width: 6000, height: 4000 },
  48: { width: 8000, height: 6000 },
};
const TARGET = { maxEdge: 2048, quality: 0.85 };
// Distinct pictures per size; a batch cycles through them. Painting one takes seconds, not what is measured.
const DISTINCT = 5;
const PAUSE_MS = 50;
// The browser reports a long task from this length on; named here only for the report.
const LONG_TASK_MS = 50;
const METHODS = {
  ours: 'ours (PhotoProcessor)',
  floor: 'floor (bare browser path)',
  'browser-image-compression': 'browser-image-compression 2.0.2',
  compressorjs: 'compressorjs 1.3.0',
};

function parseArgs(argv) {
  const options = { photos: 10, sizes: [12, 24] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--photos') options.photos = Number(argv[++i]);
    else if (arg === '--sizes') options.sizes = String(argv[++i]).split(',').map(Number);
    else throw new Error(`unknown argument: ${arg} (known: --photos N, --sizes 12,24)`);
  }
  if (!Number.isInteger(options.photos) || options.photos < 1) throw new Error('--photos needs a whole number of at least 1');
  for (const size of options.sizes) {
    if (!(size in SIZES)) throw new Error(`--sizes takes ${Object.keys(SIZES).join(', ')} (megapixels), not ${size}`);
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const progress = (message) => process.stderr.write(`${message}\n`);

// --- the page --------------------------------------------------------------------------------

progress('Building the page');
await build({
  root: here,
  // Relative URLs, so that the Workers' scripts are found wherever the directory is served.
  base: './',
  configFile: false,
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { outDir: pageDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
});

// browser-image-compression's Worker loads the library's UMD file with importScripts(libURL).
const libFile = createRequire(import.meta.url).resolve('browser-image-compression/dist/browser-image-compression.js');
const LIB_PATH = '/vendor/browser-image-compression.js';
let libRequests = 0;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json' };

/** Serves the built page, and the library's own file at LIB_PATH. */
function serve(request, response) {
  const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
  let file;
  if (path === LIB_PATH) {
    libRequests += 1;
    file = libFile;
  } else {
    file = normalize(join(pageDir, path === '/' ? 'index.html' : path));
    if (relative(pageDir, file).startsWith(`..${sep}`)) file = undefined;
  }
  const fail = () => {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('not found');
  };
  if (file === undefined) return fail();
  stat(file).then(
    (found) => {
      if (!found.isFile()) return fail();
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': found.size,
        // As a CDN serves the library: cached, so that a Worker after the first need not fetch it.
        'Cache-Control': 'max-age=3600',
      });
      createReadStream(file).pipe(response);
    },
    fail,
  );
}

const server = createServer(serve);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// --- the run ---------------------------------------------------------------------------------

const browser = await puppeteer.launch({
  executablePath: CHROME_PATH,
  // gc(): the page collects the garbage of painting the photos before it measures anything.
  args: [...CHROME_ARGS, '--js-flags=--expose-gc'],
  headless: true,
  // One size's evaluate lasts minutes on a slow machine.
  protocolTimeout: 30 * 60_000,
});

let results;
let chromium;
let userAgent;
try {
  chromium = await browser.version();
  const page = await browser.newPage();
  // Anything that goes wrong in the page or its Workers ends the run with its message.
  let failed;
  const failure = new Promise((_, reject) => {
    failed = reject;
  });
  failure.catch(() => {});
  const onConsole = (where) => (message) => {
    if (message.type() === 'error') failed(new Error(`${where} console error: ${message.text()}`));
    else if (message.text().startsWith('[page]')) progress(`  ${message.text().slice(7)}`);
  };
  page.on('console', onConsole('page'));
  page.on('pageerror', (error) => failed(new Error(`page error: ${error.message}`)));
  page.on('error', (error) => failed(new Error(`page crashed: ${error.message}`)));
  page.on('requestfailed', (request) => failed(new Error(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`)));
  page.on('workercreated', (worker) => {
    worker.on('console', onConsole(`worker ${worker.url()}`));
    worker.on('error', (error) => failed(new Error(`worker ${worker.url()} error: ${error.message}`)));
  });
  await Promise.race([page.goto(`${origin}/index.html`, { waitUntil: 'load' }), failure]);
  await Promise.race([page.waitForFunction(() => window.bench !== undefined), failure]);
  userAgent = await page.evaluate(() => navigator.userAgent);

  results = [];
  for (const [index, megapixels] of options.sizes.entries()) {
    const request = {
      label: `${megapixels} MP`,
      ...SIZES[megapixels],
      photos: options.photos,
      distinct: Math.min(DISTINCT, options.photos),
      rotation: index,
      pauseMs: PAUSE_MS,
      target: TARGET,
      libURL: `${origin}${LIB_PATH}`,
    };
    progress(`${request.label}:`);
    results.push(await Promise.race([page.evaluate((request) => window.bench.runSize(request), request), failure]));
  }
} finally {
  await browser.close();
  server.close();
}

// --- the report ------------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const summaries = results.map((size) => {
  const ours = size.methods.find((method) => method.id === 'ours');
  const oursMedian = median(ours.timesMs);
  return {
    size: size.label,
    stored: size.stored,
    upright: size.upright,
    target: size.target,
    inputBytes: size.inputBytes,
    inputMetadata: size.inputMetadata,
    order: size.order,
    otherLongTasks: { count: size.otherLongTasks.length, totalMs: size.otherLongTasks.reduce((sum, task) => sum + task.duration, 0) },
    methods: size.methods.map((method) => ({
      method: method.id,
      name: METHODS[method.id],
      settings: method.settings,
      medianMs: median(method.timesMs),
      maxMs: Math.max(...method.timesMs),
      ratioToOurs: median(method.timesMs) / oursMedian,
      medianBytes: median(method.bytes),
      medianPsnrDb: median(method.psnr),
      minPsnrDb: Math.min(...method.psnr),
      medianPsnrAreaDb: median(method.psnrArea),
      outputSizes: method.outputSizes,
      resizedForPsnr: method.resized,
      types: method.types,
      longTasks: { count: method.longTasks.length, totalMs: method.longTasks.reduce((sum, task) => sum + task.duration, 0) },
      exifKept: method.exifKept,
      gpsKept: method.gpsKept,
      photos: method.timesMs.length,
      answeredFromWorker: method.workerAnswers,
      calls: method.calls,
      timesMs: method.timesMs,
      bytes: method.bytes,
      psnrDb: method.psnr,
      psnrAreaDb: method.psnrArea,
    })),
  };
});

const machine = {
  os: `${osType()} ${release()}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  chromium,
  userAgent,
  loadAverage: { start: loadAtStart, end: loadavg() },
};
const settings = {
  photosPerBatch: options.photos,
  distinctPhotosPerSize: Math.min(DISTINCT, options.photos),
  warmUp: 'one photo (not in the batch) per method per size, not counted',
  target: { longestEdge: TARGET.maxEdge, quality: TARGET.quality, type: 'image/jpeg' },
  input: 'camera-like JPEG painted in the page (quality 0.92), EXIF orientation 6 and a GPS position spliced in',
  order: `interleaved: photo i goes through the four methods one after the other, their order rotated by one more place for each photo (and by one more for each size), so each method goes first as often as the batch allows; ${PAUSE_MS} ms idle before each call`,
  time: 'from handing the File to the method until its output Blob is in hand',
  psnr: 'RGB PSNR of the decoded output against the original decoded upright and resampled to the target size with resizeQuality "high", never encoded',
  psnrArea: 'the same against a second reference that no method uses: the upright original averaged over the area each target pixel covers (box filter)',
  longTasks: `main-thread tasks over ${LONG_TASK_MS} ms seen by a PerformanceObserver during the batch, each given to the call it overlaps most`,
  browserImageCompressionLib: 'served by the benchmark on the same origin (libURL), so its Worker does not go to a CDN',
};
const report = { date: new Date().toISOString(), machine, settings, sizes: summaries, seconds: Math.round((Date.now() - started) / 1000) };

const yesNo = (kept, of) => (kept === 0 ? 'no' : kept === of ? 'yes' : `${kept}/${of}`);
const columns = ['size', 'method', 'median ms', 'max ms', 'x ours', 'bytes (median)', 'PSNR dB (median)', 'PSNR dB, area ref', 'long tasks (ms)', 'EXIF kept', 'GPS kept'];
const rows = [];
for (const size of summaries) {
  for (const method of size.methods) {
    rows.push([
      size.size,
      method.name,
      method.medianMs.toFixed(0),
      method.maxMs.toFixed(0),
      method.ratioToOurs.toFixed(2),
      String(Math.round(method.medianBytes)),
      `${method.medianPsnrDb.toFixed(2)}${method.resizedForPsnr ? ' *' : ''}`,
      method.medianPsnrAreaDb.toFixed(2),
      `${method.longTasks.count} (${method.longTasks.totalMs.toFixed(0)})`,
      yesNo(method.exifKept, method.photos),
      yesNo(method.gpsKept, method.photos),
    ]);
  }
}
const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;

const printed = [];
const say = (text = '') => printed.push(text);
say(`Photos to ${TARGET.maxEdge} px JPEG at quality ${TARGET.quality}: ${options.photos} photos per method per size, headless Chromium`);
say(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; ${chromium}; Node ${machine.node}; ${report.date}`);
const load = (values) => values.map((value) => value.toFixed(2)).join(' ');
say(`Load average (1, 5, 15 min): ${load(machine.loadAverage.start)} at the start, ${load(machine.loadAverage.end)} at the end.`);
say();
say(line(columns));
say(`|${widths.map((width, i) => (i < 2 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
for (const row of rows) say(line(row));
say();
for (const size of summaries) {
  const resized = size.methods.filter((method) => method.resizedForPsnr);
  say(
    `${size.size}: ${size.stored.width}x${size.stored.height} stored, ${size.upright.width}x${size.upright.height} upright, ` +
      `target ${size.target.width}x${size.target.height}; inputs ${size.inputBytes.map((bytes) => (bytes / 1e6).toFixed(1)).join(', ')} MB ` +
      `(EXIF ${size.inputMetadata.exif ? 'yes' : 'no'}, GPS ${size.inputMetadata.gps ? 'yes' : 'no'}).`,
  );
  for (const method of size.methods) {
    if (method.outputSizes.length !== 1 || method.outputSizes[0] !== `${size.target.width}x${size.target.height}`) {
      say(`  ${method.name} gave ${method.outputSizes.join(', ')}${method.resizedForPsnr ? ' (*: PSNR after resampling to the reference size)' : ''}.`);
    }
  }
  if (resized.length === 0) say('  Every output had the reference size.');
  say(`  Answered from a Worker (warm-up included): ${size.methods.map((method) => `${method.name} ${method.answeredFromWorker}/${method.calls}`).join(', ')}.`);
  if (size.otherLongTasks.count > 0) say(`  Long tasks outside any call: ${size.otherLongTasks.count} (${size.otherLongTasks.totalMs.toFixed(0)} ms).`);
}
say(`browser-image-compression's library file was fetched ${libRequests} time(s) from this server (libURL; the HTTP cache serves repeats).`);
say(`Order: ${settings.order}.`);
say();
const verdict = (lead) => (lead > 0 ? 'ahead' : lead === 0 ? 'tied' : 'BEHIND');
const percent = (ratio) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;
for (const size of summaries) {
  const by = Object.fromEntries(size.methods.map((method) => [method.method, method]));
  const ours = by.ours;
  const toFloor = ours.medianMs / by.floor.medianMs;
  say(`Goal, ${size.size}: ours takes ${toFloor.toFixed(2)}x the floor's median time (goal: at most 1.10): ${toFloor <= 1.1 ? 'met' : 'NOT met'}.`);
  for (const peer of ['browser-image-compression', 'compressorjs']) {
    const them = by[peer];
    const left = (method) => method.exifKept + method.gpsKept;
    // Each axis: how far ours leads (positive is better for ours), and the figures behind it.
    const axes = [
      ['time', them.medianMs - ours.medianMs, `theirs ${(them.medianMs / ours.medianMs).toFixed(2)}x ours`],
      ['bytes', them.medianBytes - ours.medianBytes, `theirs ${percent(them.medianBytes / ours.medianBytes)}`],
      ['PSNR', ours.medianPsnrDb - them.medianPsnrDb, `${(ours.medianPsnrDb - them.medianPsnrDb).toFixed(2)} dB`],
      ['PSNR (area ref)', ours.medianPsnrAreaDb - them.medianPsnrAreaDb, `${(ours.medianPsnrAreaDb - them.medianPsnrAreaDb).toFixed(2)} dB`],
      ['long tasks', them.longTasks.count - ours.longTasks.count, `${ours.longTasks.count} vs ${them.longTasks.count}`],
      ['metadata left', left(them) - left(ours), left(ours) + left(them) === 0 ? 'neither keeps any' : `${left(ours)} vs ${left(them)} blocks`],
    ];
    say(`  against ${them.name}: ${axes.map(([axis, lead, detail]) => `${axis} ${verdict(lead)} (${detail})`).join(', ')}.`);
  }
}
report.seconds = Math.round((Date.now() - started) / 1000);
say();
say(`Took ${report.seconds} s.`);
console.log(printed.join('\n'));

await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'photos.json'), `${JSON.stringify({ ...report, libRequests, printed }, null, 2)}\n`);
console.log(`\nWrote ${join('.bench', 'photos.json')}`);
