import { expect } from '@open-wc/testing';
import { FORMAT_TYPES, type ImageFormat } from './image-format.js';
import { DEFAULT_PHOTO_OPTIONS } from './photo-options.js';
import { PhotoProcessor } from './photo-processor.js';
import { PhotoRefusal } from './photo-refusal.js';
import type { PhotoJob } from './process-photo.js';
import { asFile, halves, metadataOf, pixelAt, pixelsOf, pngHeader, withExif } from './photo-fixtures.test-support.js';

const job: PhotoJob = { ...DEFAULT_PHOTO_OPTIONS, formats: Object.keys(FORMAT_TYPES) as ImageFormat[] };

const photo = async (width: number, height: number, orientation = 1) =>
  asFile(withExif(await halves(width, height), orientation), 'photo.jpg', 'image/jpeg');

/**
 * How many times a photo worker was started on this page (each start fetches its script) since the
 * list of fetches was last cleared: it stops growing once full.
 */
const workerStarts = () => performance.getEntriesByType('resource').filter(({ name }) => name.includes('/photo-worker.')).length;

const settled = (promise: Promise<unknown>) => promise.then(() => 'done', (error: unknown) => (error instanceof DOMException ? error.name : String(error)));

for (const useWorker of [true, false]) {
  describe(`PhotoProcessor ${useWorker ? 'in a worker' : 'on the page'}`, () => {
    let processor: PhotoProcessor;
    beforeEach(() => { processor = new PhotoProcessor({ useWorker }); });
    afterEach(() => processor.dispose());

    it(`works ${useWorker ? 'in a worker' : 'on the page'}`, async () => {
      expect(await processor.mode()).to.equal(useWorker ? 'worker' : 'page');
    });

    it('gives an upright, downscaled photo without metadata', async () => {
      const result = await processor.process(await photo(3000, 2000, 6), job);
      expect([result.width, result.height, result.type]).to.deep.equal([1365, 2048, 'image/jpeg']);
      expect(metadataOf(new Uint8Array(await result.blob.arrayBuffer()))).to.include({ exif: false, gps: false });
      const pixels = await pixelsOf(result.blob);
      expect(pixelAt(pixels, 680, 100)[0]).to.be.above(200);
      expect(pixelAt(pixels, 680, 1900)[2]).to.be.above(200);
    });

    it('answers a refused file with the reason and its figures', async () => {
      const error = await processor.process(asFile(pngHeader(20000, 20000), 'huge.png'), job).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PhotoRefusal);
      expect([(error as PhotoRefusal).reason, (error as PhotoRefusal).pixels]).to.deep.equal(['pixels', 400_000_000]);
    });

    it('processes one file at a time, in the order given', async () => {
      const order: string[] = [];
      const big = processor.process(await photo(4000, 3000), job).then(() => order.push('big'));
      const small = processor.process(await photo(8, 8), job).then(() => order.push('small'));
      await Promise.all([big, small]);
      expect(order).to.deep.equal(['big', 'small']);
    });

    it('takes a cancelled file out of the queue; the others go on', async () => {
      const abort = new AbortController();
      const first = processor.process(await photo(2000, 1500), job);
      const second = processor.process(await photo(64, 64), job, abort.signal);
      const third = processor.process(await photo(32, 32), job);
      abort.abort();
      expect(await Promise.all([first, second, third].map(settled))).to.deep.equal(['done', 'AbortError', 'done']);
    });

    it('drops the file being processed when it is cancelled, and processes the next', async () => {
      // The worker is running before the photo goes in, so that the cancel comes mid-photo.
      await processor.mode();
      performance.clearResourceTimings();
      const starts = workerStarts();
      const abort = new AbortController();
      const first = processor.process(await photo(4000, 3000), job, abort.signal);
      const second = processor.process(await photo(40, 30), job);
      await new Promise((resolve) => setTimeout(resolve, 20));
      abort.abort();
      expect(await settled(first)).to.equal('AbortError');
      expect((await second).width).to.equal(40);
      // In a worker, the cancelled photo's worker was stopped and the next photo got a new one.
      expect(workerStarts() - starts).to.equal(useWorker ? 1 : 0);
    });

    it('stops its worker when disposed, even when idle', async () => {
      await processor.process(await photo(8, 8), job);
      performance.clearResourceTimings();
      const starts = workerStarts();
      processor.dispose();
      await processor.process(await photo(8, 8), job);
      expect(workerStarts() - starts).to.equal(useWorker ? 1 : 0);
    });

    it('refuses what it holds when disposed, and takes new files after', async () => {
      const first = processor.process(await photo(4000, 3000), job);
      const second = processor.process(await photo(64, 64), job);
      await new Promise((resolve) => setTimeout(resolve, 20));
      processor.dispose();
      expect(await Promise.all([first, second].map(settled))).to.deep.equal(['AbortError', 'AbortError']);
      expect((await processor.process(await photo(40, 30), job)).width).to.equal(40);
    });

    it('refuses a file whose signal was already aborted', async () => {
      const abort = new AbortController();
      abort.abort();
      expect(await settled(processor.process(await photo(8, 8), job, abort.signal))).to.equal('AbortError');
    });
  });
}
