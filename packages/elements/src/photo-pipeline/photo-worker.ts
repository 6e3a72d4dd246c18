// The photo pipeline's worker: decoding, resampling and encoding a 12-50 megapixel photo take
// hundreds of milliseconds, which on the page would freeze scrolling and typing.
import type { PhotoRequest, PhotoWorkerMessage } from './photo-worker-protocol.js';
import { processPhoto } from './process-photo.js';

// Typed by hand: the project's types are the page's (DOM), not a worker's.
const scope = self as unknown as {
  postMessage(message: PhotoWorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PhotoRequest>) => void): void;
};
const post = (message: PhotoWorkerMessage): void => scope.postMessage(message);

scope.addEventListener('message', async ({ data }: MessageEvent<PhotoRequest>) => {
  const { id, file, job } = data;
  try {
    post({ kind: 'done', id, outcome: await processPhoto(file, job) });
  } catch (error) {
    post({ kind: 'failed', id, message: String(error) });
  }
});

// Without OffscreenCanvas or createImageBitmap here, the page does the work itself.
post({ kind: 'ready', canDraw: typeof OffscreenCanvas === 'function' && typeof createImageBitmap === 'function' });
