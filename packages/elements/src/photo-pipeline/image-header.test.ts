import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { sniffFormat, type ImageFormat } from './image-format.js';
import { orientedSize, parseHeader, readHeader, tiffOrientation } from './image-header.js';
import { animatedGif, asFile, encodeCanvas, exifSegment, gifBomb, pngHeader, withExif, withPngChunk } from './photo-fixtures.test-support.js';

const FORMATS: ImageFormat[] = ['jpeg', 'png', 'webp', 'gif', 'heic'];

describe('sniffFormat', () => {
  it('knows each format by its signature', async () => {
    const paint = (context: OffscreenCanvasRenderingContext2D) => context.fillRect(0, 0, 4, 4);
    expect(sniffFormat(await encodeCanvas(4, 4, paint, 'image/jpeg'))).to.equal('jpeg');
    expect(sniffFormat(await encodeCanvas(4, 4, paint, 'image/png'))).to.equal('png');
    expect(sniffFormat(await encodeCanvas(4, 4, paint, 'image/webp'))).to.equal('webp');
    expect(sniffFormat(animatedGif())).to.equal('gif');
    expect(sniffFormat(new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode('ftypheic')]))).to.equal('heic');
    expect(sniffFormat(new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode('ftypmif1')]))).to.equal('heic');
  });

  it('knows no format in anything else', () => {
    const avif = '\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1avifmiaf';
    for (const text of ['<svg xmlns="http://www.w3.org/2000/svg"/>', 'MZ\x90\x00', '%PDF-1.7', 'BM6\x00', '', 'RIFF\x00\x00\x00\x00WAVE', '\x00\x00\x00\x18ftypmp42', avif]) {
      expect(sniffFormat(new TextEncoder().encode(text)), text).to.equal(undefined);
    }
  });
});

describe('image headers', () => {
  it('reads a JPEG\'s size and its EXIF orientation without decoding it', async () => {
    const jpeg = withExif(await encodeCanvas(640, 480, (context) => context.fillRect(0, 0, 9, 9)), 6);
    const header = await readHeader(asFile(jpeg, 'photo.jpg'), 'jpeg');
    expect(header).to.deep.equal({ width: 640, height: 480, orientation: 6 });
    expect(orientedSize(header!)).to.deep.equal({ width: 480, height: 640 });
  });

  it('reads PNG, GIF and each kind of WebP', async () => {
    expect(parseHeader(pngHeader(30000, 20000), 'png')).to.deep.equal({ width: 30000, height: 20000, orientation: 1 });
    expect(parseHeader(animatedGif(), 'gif')).to.deep.equal({ width: 1, height: 1, orientation: 1 });
    const lossy = await encodeCanvas(300, 200, (context) => context.fillRect(0, 0, 300, 200), 'image/webp', 0.8);
    const lossless = await encodeCanvas(300, 200, (context) => context.fillRect(0, 0, 300, 200), 'image/webp', 1);
    expect(parseHeader(lossy, 'webp')).to.deep.equal({ width: 300, height: 200, orientation: 1 });
    expect(parseHeader(lossless, 'webp')).to.deep.equal({ width: 300, height: 200, orientation: 1 });
    const extended = new Uint8Array(30);
    extended.set(new TextEncoder().encode('RIFF\x16\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00'));
    extended.set([0x00, 0, 0, 0, 0x9f, 0x0f, 0x00, 0xb7, 0x0b, 0x00], 20); // 4000 x 3000
    expect(parseHeader(extended, 'webp')).to.deep.equal({ width: 4000, height: 3000, orientation: 1 });
  });

  it('reads a PNG\'s eXIf chunk after 70 KB of text, reading on for it', async () => {
    const png = await encodeCanvas(40, 20, (context) => context.fillRect(0, 0, 40, 20), 'image/png');
    const exif = exifSegment(6).subarray(10);
    const bytes = withPngChunk(withPngChunk(png, 'eXIf', exif), 'tEXt', new Uint8Array(70_000).fill(0x41));
    expect(parseHeader(bytes.subarray(0, 64 * 1024), 'png')).to.equal('more');
    expect(await readHeader(asFile(bytes, 'long.png'), 'png')).to.deep.equal({ width: 40, height: 20, orientation: 6 });
  });

  it('sizes a GIF by its first frame where that is larger than its screen', () => {
    expect(parseHeader(gifBomb(12000, 9000), 'gif')).to.deep.equal({ width: 12000, height: 9000, orientation: 1 });
  });

  it('reads a big-endian EXIF block as well as a little-endian one', () => {
    const big = new Uint8Array([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0]);
    expect(tiffOrientation(big, 0, big.length)).to.equal(8);
    const little = exifSegment(3);
    expect(tiffOrientation(little, 10, little.length)).to.equal(3);
  });

  it('takes an orientation out of range, or an offset out of the block, as upright', () => {
    const outOfRange = new Uint8Array([0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0]);
    expect(tiffOrientation(outOfRange, 0, outOfRange.length)).to.equal(1);
    const farOffset = new Uint8Array([0x49, 0x49, 42, 0, 0xff, 0xff, 0xff, 0x7f, 0, 0]);
    expect(tiffOrientation(farOffset, 0, farOffset.length)).to.equal(1);
  });

  it('says a file is damaged when its header is, and asks for more bytes when it was cut short', async () => {
    expect(parseHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]), 'jpeg')).to.equal('damaged');
    expect(parseHeader(new Uint8Array([0xff, 0xd8, 0x12, 0x34, 0, 2]), 'jpeg')).to.equal('damaged');
    expect(parseHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x10, 0x00]), 'jpeg')).to.equal('more');
    expect(parseHeader(pngHeader(0, 10), 'png')).to.equal('damaged');
    expect(await readHeader(asFile(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x10, 0x00]), 'cut.jpg'), 'jpeg')).to.equal(undefined);
  });

  it('never throws nor loops on hostile bytes after a valid signature, whatever the format', () => {
    const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
    const signatures: Record<ImageFormat, number[]> = {
      jpeg: [0xff, 0xd8],
      png: [...ascii('\x89PNG\r\n\x1a\n'), 0, 0, 0, 13, ...ascii('IHDR')],
      webp: ascii('RIFF\x00\x00\x00\x00WEBP'),
      gif: ascii('GIF89a'),
      heic: [0, 0, 0, 24, ...ascii('ftypheic')],
    };
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.uint8Array({ maxLength: 512 }), (format, tail) => {
        const result = parseHeader(new Uint8Array([...signatures[format], ...tail]), format);
        expect(result === 'damaged' || result === 'more' || (result.width > 0 && result.height > 0)).to.equal(true);
      }),
      { numRuns: 2000 },
    );
  });
});
