// The floor: the least a browser must do to turn a photo into a 2048 px JPEG, with nothing of
// ours around it. It is told the upright target size (no header read, no checks), decodes and
// resamples in one call, draws, and encodes.

/** The page asks for one photo. */
export interface FloorRequest {
  readonly id: number;
  readonly file: Blob;
  readonly width: number;
  readonly height: number;
  readonly type: string;
  readonly quality: number;
}

/** The answer: the encoded photo, or why it failed. */
export type FloorAnswer = { readonly id: number; readonly blob: Blob } | { readonly id: number; readonly error: string };

// Typed by hand: the project's types are the page's (DOM), not a worker's.
const scope = self as unknown as {
  postMessage(message: FloorAnswer): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FloorRequest>) => void): void;
};

scope.addEventListener('message', async ({ data: { id, file, width, height, type, quality } }) => {
  try {
    const bitmap = await createImageBitmap(file, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    bitmap.close();
    scope.postMessage({ id, blob: await canvas.convertToBlob({ type, quality }) });
  } catch (error) {
    scope.postMessage({ id, error: String(error) });
  }
});
