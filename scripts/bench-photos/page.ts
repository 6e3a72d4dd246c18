// The benchmark's page: makes the photos of one size, runs every method over them, and answers
// with the measurements (bench.mjs drives it, one size at a time, and does the arithmetic).
import { metadataOf, pixelsOf } from '../../packages/elements/src/photo-pipeline/photo-fixtures.test-support.js';
import { areaAverage, compare, pixelsAt } from './image-quality.js';
import { attribute, LongTaskRecorder, type LongTask, type Span } from './long-tasks.js';
import { browserImageCompression, compressorjs, floor, ours, WorkerWatch, type Input, type Method, type Target } from './methods.js';
import { testPhoto } from './test-photo.js';

/** What bench.mjs asks for one size. */
export interface SizeRequest {
  readonly label: string;
  /** Stored pixels, landscape; the EXIF orientation 6 makes the photo portrait. */
  readonly width: number;
  readonly height: number;
  /** Photos in the batch each method processes. */
  readonly photos: number;
  /** Distinct pictures among them; the batch cycles through them. */
  readonly distinct: number;
  /** The methods' order for the first photo is rotated this far; each later photo one further. */
  readonly rotation: number;
  /** Idle time between two calls, so that one method's leftovers (a Worker ending, garbage) fall outside the next one's span. */
  readonly pauseMs: number;
  readonly target: Target;
  /** browser-image-compression's own script, served by the benchmark's server, as an absolute URL. */
  readonly libURL: string;
}

/** One method's measurements over the batch. */
export interface MethodResult {
  readonly id: Method['id'];
  readonly settings: Record<string, unknown>;
  readonly timesMs: number[];
  readonly bytes: number[];
  /** Against the browser's high-quality downscale of the original. */
  readonly psnr: number[];
  /** Against the area average of the original (see image-quality.ts). */
  readonly psnrArea: number[];
  /** The distinct output sizes, as "1536x2048". */
  readonly outputSizes: string[];
  /** Whether some output differed from the reference's size (PSNR then compared after resampling). */
  readonly resized: boolean;
  readonly types: string[];
  readonly longTasks: LongTask[];
  readonly exifKept: number;
  readonly gpsKept: number;
  /** Outputs that came back from a Worker, in the warm-up and the batch. */
  readonly workerAnswers: number;
  readonly calls: number;
}

/** The answer for one size. */
export interface SizeResult {
  readonly label: string;
  readonly stored: { width: number; height: number };
  readonly upright: { width: number; height: number };
  readonly target: { width: number; height: number };
  readonly inputBytes: number[];
  readonly inputMetadata: { exif: boolean; gps: boolean };
  readonly order: string[][];
  readonly methods: MethodResult[];
  /** Long tasks during the batch that overlapped no method's call. */
  readonly otherLongTasks: LongTask[];
}

declare global {
  interface Window {
    bench: { runSize(request: SizeRequest): Promise<SizeResult> };
  }
}

const watch = new WorkerWatch();
// Before any method starts a Worker.
watch.install();

let methods: Method[] | undefined;

const log = (message: string): void => console.log(`[page] ${(performance.now() / 1000).toFixed(1).padStart(6)} s  ${message}`);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Collects the page's garbage (hundreds of megabytes after painting 24 MP photos and decoding them
 * at full size), which would otherwise be collected during the first measured calls and take a
 * core from whichever method runs then. `gc` is there when Chromium runs with --expose-gc.
 */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await pause(500);
}

/**
 * The upright size brought down to `maxEdge`, rounded as our pipeline rounds it (the pipeline's own
 * function is not imported: the page would then bundle the module the processor loads lazily).
 */
function targetSize(width: number, height: number, maxEdge: number): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function runSize(request: SizeRequest): Promise<SizeResult> {
  const { width, height, target } = request;
  // Made once, on the first size, so that each keeps its Worker the way a page would.
  methods ??= [ours(target), floor(target), browserImageCompression(target, request.libURL), compressorjs(target)];
  const upright = { width: height, height: width };
  const size = targetSize(upright.width, upright.height, target.maxEdge);
  watch.reset();

  log(`${request.label}: painting ${request.distinct + 1} photos of ${width}x${height}`);
  const seeds = Array.from({ length: request.distinct }, (_, i) => width + i);
  const originals: Uint8Array[] = [];
  for (const seed of seeds) originals.push(await testPhoto(width, height, seed));
  const warmUpBytes = await testPhoto(width, height, width + 1000);
  const file = (bytes: Uint8Array, name: string): File => new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'image/jpeg' });
  const inputs: Input[] = Array.from({ length: request.photos }, (_, i) => ({
    file: file(originals[i % originals.length]!, `photo-${i + 1}.jpg`),
    ...size,
  }));
  const warmUp: Input = { file: file(warmUpBytes, 'warm-up.jpg'), ...size };
  const references: { resampled: ImageData; averaged: ImageData }[] = [];
  for (const bytes of originals) {
    const original = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    references.push({ resampled: await pixelsAt(original, size.width, size.height), averaged: areaAverage(await pixelsOf(original), size.width, size.height) });
  }

  log(`${request.label}: warming up`);
  await settle();
  for (const method of methods) await watch.during(method.id, () => method.process(warmUp));
  await settle();

  log(`${request.label}: ${request.photos} photos through ${methods.length} methods`);
  const outputs = new Map<string, Blob[]>(methods.map((method) => [method.id, []]));
  const times = new Map<string, number[]>(methods.map((method) => [method.id, []]));
  const spans: Span[] = [];
  const order: string[][] = [];
  const recorder = new LongTaskRecorder();
  recorder.start();
  for (const [i, input] of inputs.entries()) {
    const shift = (request.rotation + i) % methods.length;
    const turn = [...methods.slice(shift), ...methods.slice(0, shift)];
    order.push(turn.map((method) => method.id));
    for (const method of turn) {
      await pause(request.pauseMs);
      const start = performance.now();
      const blob = await watch.during(method.id, () => method.process(input));
      const end = performance.now();
      spans.push({ label: method.id, start, end });
      times.get(method.id)!.push(end - start);
      outputs.get(method.id)!.push(blob);
    }
  }
  const longTasks = attribute(await recorder.stop(), spans);

  log(`${request.label}: comparing outputs with their references`);
  const results: MethodResult[] = [];
  for (const method of methods) {
    const blobs = outputs.get(method.id)!;
    const comparisons = [];
    for (const [i, blob] of blobs.entries()) comparisons.push(await compare(blob, references[i % references.length]!));
    const metadata = await Promise.all(blobs.map(async (blob) => metadataOf(new Uint8Array(await blob.arrayBuffer()))));
    results.push({
      id: method.id,
      settings: method.settings,
      timesMs: times.get(method.id)!,
      bytes: blobs.map((blob) => blob.size),
      psnr: comparisons.map((comparison) => comparison.psnr),
      psnrArea: comparisons.map((comparison) => comparison.psnrArea),
      outputSizes: [...new Set(comparisons.map(({ width, height }) => `${width}x${height}`))],
      resized: comparisons.some((comparison) => comparison.resized),
      types: [...new Set(blobs.map((blob) => blob.type))],
      longTasks: longTasks.get(method.id) ?? [],
      exifKept: metadata.filter((found) => found.exif).length,
      gpsKept: metadata.filter((found) => found.gps).length,
      workerAnswers: watch.answers(method.id),
      calls: 1 + blobs.length,
    });
  }
  const inputMetadata = metadataOf(originals[0]!);
  return {
    label: request.label,
    stored: { width, height },
    upright,
    target: size,
    inputBytes: originals.map((bytes) => bytes.length),
    inputMetadata: { exif: inputMetadata.exif, gps: inputMetadata.gps },
    order,
    methods: results,
    otherLongTasks: longTasks.get(undefined) ?? [],
  };
}

window.bench = { runSize };
