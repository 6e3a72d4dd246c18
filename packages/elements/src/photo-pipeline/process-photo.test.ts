import { expect } from '@open-wc/testing';
import { FORMAT_TYPES, type ImageFormat } from './image-format.js';
import { DEFAULT_PHOTO_OPTIONS } from './photo-options.js';
import type { RefusalReason } from './photo-refusal.js';
import { processPhoto as process, targetSize, type PhotoJob, type ProcessedPhoto } from './process-photo.js';
import {
  animatedGif, asFile, CMYK_JPEG, encodeCanvas, extendedWebp, gifBomb, halves, metadataOf, pixelAt, pixelsOf, pngHeader, withExif,
} from './photo-fixtures.test-support.js';

const job: PhotoJob = { ...DEFAULT_PHOTO_OPTIONS, formats: Object.keys(FORMAT_TYPES) as ImageFormat[] };


const near = (actual: number[], expected: number[], tolerance = 40): boolean =>
  expected.every((value, i) => Math.abs(actual[i]! - value) <= tolerance);

/** The processed photo; fails the test when the file is refused. */
async function processPhoto(file: Blob, options: PhotoJob): Promise<ProcessedPhoto> {
  const outcome = await process(file, options);
  if ('refusal' in outcome) throw new Error(`refused: ${outcome.refusal}`);
  return outcome.photo;
}

/** Why the file is refused; fails the test when it is not. */
async function refusal(file: Blob, options: Partial<PhotoJob> = {}): Promise<RefusalReason> {
  const outcome = await process(file, { ...job, ...options });
  if ('photo' in outcome) throw new Error('the file was not refused');
  return outcome.refusal;
}

describe('processPhoto', () => {
  it('turns an orientation-6 phone photo upright, brings it down to 2048 px, and leaves its EXIF and GPS behind', async () => {
    const original = withExif(await halves(4000, 3000), 6);
    expect(metadataOf(original)).to.include({ exif: true, gps: true });

    const photo = await processPhoto(asFile(original, 'IMG_0001.JPG', 'image/jpeg'), job);

    expect([photo.width, photo.height, photo.type, photo.format]).to.deep.equal([1536, 2048, 'image/jpeg', 'jpeg']);
    const bytes = new Uint8Array(await photo.blob.arrayBuffer());
    // The encoder's own sRGB colour profile, the same for every photo, is all that is left.
    expect(metadataOf(bytes)).to.deep.equal({ exif: false, gps: false, xmp: false, icc: 'sRGB', comment: false });
    expect(new TextDecoder('latin1').decode(bytes).includes('Amiphon')).to.equal(false);
    // Turned a quarter clockwise: the stored left half is now on top.
    const pixels = await pixelsOf(photo.blob);
    expect([pixels.width, pixels.height]).to.deep.equal([1536, 2048]);
    expect(near(pixelAt(pixels, 768, 200), [255, 0, 0, 255])).to.equal(true);
    expect(near(pixelAt(pixels, 768, 1800), [0, 0, 255, 255])).to.equal(true);
  });

  it('reads the first of two EXIF blocks, as decoders do', async () => {
    const photo = await processPhoto(asFile(withExif(withExif(await halves(4000, 3000), 1), 6), 'twice.jpg'), job);
    expect([photo.width, photo.height]).to.deep.equal([1536, 2048]);
    const pixels = await pixelsOf(photo.blob);
    expect(near(pixelAt(pixels, 768, 200), [255, 0, 0, 255])).to.equal(true);
  });

  it('never stretches a photo the browser turns otherwise than its header says', async () => {
    // A WebP whose EXIF says orientation 6, which a browser may or may not apply.
    const webp = extendedWebp(await encodeCanvas(400, 200, (context) => context.fillRect(0, 0, 400, 200), 'image/webp', 0.8), 6);
    const shown = await createImageBitmap(new Blob([webp as Uint8Array<ArrayBuffer>]));
    const photo = await processPhoto(asFile(webp, 'turned.webp'), job);
    expect(photo.width / photo.height).to.be.closeTo(shown.width / shown.height, 0.01);
    expect(Math.max(photo.width, photo.height)).to.be.at.most(400);
  });

  it('takes a WebP that announces EXIF without carrying it as upright', async () => {
    const webp = extendedWebp(await encodeCanvas(400, 200, (context) => context.fillRect(0, 0, 400, 200), 'image/webp', 0.8));
    const photo = await processPhoto(asFile(webp, 'flagged.webp'), job);
    expect([photo.width, photo.height]).to.deep.equal([400, 200]);
  });

  it('keeps a photo smaller than the longest edge at its size, and encodes WebP when asked', async () => {
    const photo = await processPhoto(asFile(await halves(800, 600), 'small.jpg'), { ...job, outputType: 'image/webp', quality: 0.8 });
    expect([photo.width, photo.height, photo.type]).to.deep.equal([800, 600, 'image/webp']);
    const bytes = new Uint8Array(await photo.blob.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(8, 12))).to.equal('WEBP');
    expect(metadataOf(bytes).exif).to.equal(false);
  });

  it('encodes as the next type where the browser has no encoder for the one asked for', async () => {
    // This browser encodes no AVIF, as some browsers encode no WebP: it answers with PNG instead.
    const photo = await processPhoto(asFile(await halves(64, 48), 'small.jpg'), { ...job, outputType: 'image/avif' as 'image/webp', fallbackTypes: ['image/webp'] });
    expect(photo.type).to.equal('image/webp');
    expect(photo.blob.type).to.equal('image/webp');
  });

  it('lays a transparent PNG on white, not black', async () => {
    const png = await encodeCanvas(64, 64, (context) => {
      context.fillStyle = '#0a0';
      context.fillRect(0, 0, 32, 64);
    }, 'image/png');
    const photo = await processPhoto(asFile(png, 'cutout.png', 'image/png'), job);
    const pixels = await pixelsOf(photo.blob);
    expect(near(pixelAt(pixels, 48, 32), [255, 255, 255, 255], 8)).to.equal(true);
    expect(near(pixelAt(pixels, 16, 32), [0, 170, 0, 255])).to.equal(true);
  });

  it('takes the first frame of an animated GIF', async () => {
    const photo = await processPhoto(asFile(animatedGif(), 'wave.gif', 'image/gif'), job);
    expect([photo.width, photo.height, photo.format]).to.deep.equal([1, 1, 'gif']);
    expect(near(pixelAt(await pixelsOf(photo.blob), 0, 0), [255, 0, 0, 255])).to.equal(true);
  });

  it('converts a CMYK JPEG to an ordinary one in its colour', async () => {
    const photo = await processPhoto(asFile(CMYK_JPEG, 'print.jpg', 'image/jpeg'), job);
    expect([photo.width, photo.height]).to.deep.equal([32, 16]);
    expect(near(pixelAt(await pixelsOf(photo.blob), 16, 8), [200, 30, 30, 255], 60)).to.equal(true);
  });

  it('keeps a 1x1 picture at 1x1', async () => {
    const photo = await processPhoto(asFile(await encodeCanvas(1, 1, (c) => c.fillRect(0, 0, 1, 1), 'image/png'), 'dot.png'), job);
    expect([photo.width, photo.height]).to.deep.equal([1, 1]);
  });

  it('refuses what is not a picture by its bytes, whatever its name and type say', async () => {
    const program = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>parent.hacked = true</script></svg>');
    expect(await refusal(asFile(program, 'photo.jpg', 'image/jpeg'))).to.equal('not-image');
    expect(await refusal(asFile(svg, 'photo.svg', 'image/svg+xml'))).to.equal('not-image');
    expect((globalThis as { hacked?: boolean }).hacked).to.equal(undefined);
  });

  it('refuses an empty file, and one over the input limit before reading it', async () => {
    expect(await refusal(asFile(new Uint8Array(0), 'empty.jpg'))).to.equal('empty');
    expect(await refusal(asFile(await halves(64, 64), 'big.jpg'), { maxInputBytes: 100 })).to.equal('input-size');
  });

  it('refuses a 30000 x 30000 PNG by its header, without decoding it', async () => {
    expect(await process(asFile(pngHeader(30000, 30000), 'bomb.png'), job)).to.deep.equal({ refusal: 'pixels', pixels: 900_000_000 });
  });

  it('refuses a GIF whose first frame is far larger than its screen, by the frame', async () => {
    expect(await process(asFile(gifBomb(12000, 12000), 'tiny.gif'), job)).to.deep.equal({ refusal: 'pixels', pixels: 144_000_000 });
  });

  it('refuses a truncated JPEG as damaged, and a format the field leaves out', async () => {
    const jpeg = await halves(256, 256);
    expect(await refusal(asFile(jpeg.subarray(0, jpeg.length / 2), 'cut.jpg'))).to.equal('damaged');
    expect(await refusal(asFile(jpeg.subarray(0, 200), 'header-only.jpg'))).to.equal('damaged');
    expect(await refusal(asFile(animatedGif(), 'wave.gif'), { formats: ['jpeg', 'png'] })).to.equal('type');
  });

  it('refuses a HEIC photo this browser cannot decode with its own reason', async () => {
    // ftyp 'heic', then a meta box whose ispe property says 4032 x 3024.
    const box = (type: string, body: number[]) => [0, 0, 0, 8 + body.length, ...new TextEncoder().encode(type), ...body];
    const be32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    const heic = new Uint8Array([
      ...box('ftyp', [...new TextEncoder().encode('heic'), 0, 0, 0, 0, ...new TextEncoder().encode('mif1heic')]),
      ...box('ispe', [0, 0, 0, 0, ...be32(4032), ...be32(3024)]),
    ]);
    const reason = await refusal(asFile(heic, 'IMG_0002.HEIC', 'image/heic'));
    expect(reason).to.equal('heic');
  });
});

describe('targetSize', () => {
  it('scales the longest edge down to the limit, keeps proportions, and never goes below 1 px or above the original', () => {
    expect(targetSize(4000, 3000, 2048)).to.deep.equal({ width: 2048, height: 1536 });
    expect(targetSize(3000, 4000, 2048)).to.deep.equal({ width: 1536, height: 2048 });
    expect(targetSize(30000, 2, 2048)).to.deep.equal({ width: 2048, height: 1 });
    expect(targetSize(640, 480, 2048)).to.deep.equal({ width: 640, height: 480 });
  });
});
