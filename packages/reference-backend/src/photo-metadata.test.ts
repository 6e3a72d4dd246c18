import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { PhotoContentType } from '@amicable/protocol';
import { imageBytes } from './backend.test-support.js';
import { orientationOnlyExif, stripMetadata } from './photo-metadata.js';
import {
  ADOBE_APP14,
  concatBytes,
  decodedSize,
  extendedWebp,
  indexOfBytes,
  jpegHeader,
  jpegHeaderSegments,
  jpegSegment,
  MAKER,
  phoneSegments,
  pngChunk,
  pngChunkTypes,
  pngMetadataChunks,
  WEBP_EXIF_FLAG,
  WEBP_ICC_FLAG,
  WEBP_XMP_FLAG,
  webpChunks,
  webpMetadataChunks,
  withJpegSegments,
  withPngChunks,
} from './photo-metadata.test-support.js';

const GPS_TAG_LE = new Uint8Array([0x25, 0x88]);
const GPS_TAG_BE = new Uint8Array([0x88, 0x25]);

function stripped(bytes: Uint8Array<ArrayBuffer>, type: PhotoContentType): Uint8Array<ArrayBuffer> {
  const result = stripMetadata(bytes, type);
  if (!result.ok) throw new Error(result.detail);
  return result.bytes;
}

/** Asserts that none of the place, device or XMP markers occur in `bytes`. */
function expectNoMetadata(bytes: Uint8Array, what: string): void {
  for (const needle of ['GPS', 'Exif', MAKER, 'xmpmeta', 'ns.adobe.com/xap', 'Photoshop', '12 rue', '48.8507N', 'Paris']) {
    expect(indexOfBytes(bytes, needle), `${what}: ${needle}`).to.equal(-1);
  }
  expect(indexOfBytes(bytes, GPS_TAG_LE), `${what}: GPS tag`).to.equal(-1);
  expect(indexOfBytes(bytes, GPS_TAG_BE), `${what}: GPS tag`).to.equal(-1);
}

/** IFD0 of the one Exif segment of a stripped JPEG, as tag and SHORT value pairs. */
function exifEntries(jpeg: Uint8Array): { tag: number; value: number; nextIfd: number }[] {
  const exif = jpegHeaderSegments(jpeg).filter((segment) => segment.marker === 0xe1);
  expect(exif.length).to.equal(1);
  const data = exif[0]!.data;
  expect(String.fromCharCode(...data.subarray(0, 6))).to.equal('Exif\0\0');
  const tiff = new DataView(data.buffer, data.byteOffset + 6, data.byteLength - 6);
  const little = tiff.getUint16(0) === 0x4949;
  const ifd = tiff.getUint32(4, little);
  const count = tiff.getUint16(ifd, little);
  const nextIfd = tiff.getUint32(ifd + 2 + count * 12, little);
  return Array.from({ length: count }, (_, index) => {
    const at = ifd + 2 + index * 12;
    return { tag: tiff.getUint16(at, little), value: tiff.getUint16(at + 8, little), nextIfd };
  });
}

describe('photo metadata', function () {
  describe('JPEG', function () {
    it('drops Exif with GPS, XMP, IPTC and comments, and keeps the orientation as the only Exif tag', async function () {
      const original = await imageBytes('image/jpeg', 40, 30);
      const tagged = withJpegSegments(original, phoneSegments(6));
      expect(indexOfBytes(jpegHeader(tagged), GPS_TAG_LE)).to.be.above(0);
      const result = stripped(tagged, 'image/jpeg');
      const header = jpegHeader(result);
      const exif = jpegHeaderSegments(result).find((segment) => segment.marker === 0xe1);
      const withoutExif = concatBytes(header.subarray(0, 2), ...jpegHeaderSegments(result).filter((s) => s.marker !== 0xe1).map((s) => jpegSegment(s.marker, s.data)));
      expectNoMetadata(withoutExif, 'header');
      expect(indexOfBytes(header, GPS_TAG_LE)).to.equal(-1);
      expect(indexOfBytes(header, GPS_TAG_BE)).to.equal(-1);
      expect(indexOfBytes(header, MAKER)).to.equal(-1);
      expect(exif?.data.length).to.equal(32);
      expect(exifEntries(result)).to.deep.equal([{ tag: 0x0112, value: 6, nextIfd: 0 }]);
      expect(jpegHeaderSegments(result).map((segment) => segment.marker)).to.not.include.members([0xed, 0xfe]);
    });

    it('keeps every other segment in order and byte for byte, and the image data untouched', async function () {
      const original = await imageBytes('image/jpeg', 40, 30);
      const icc = jpegSegment(0xe2, 'ICC_PROFILE\0\x01\x01not a real profile');
      const tagged = withJpegSegments(original, [icc, ...phoneSegments(1)]);
      const result = stripped(tagged, 'image/jpeg');
      // Orientation 1 needs no Exif at all: the result is the original with the ICC and Adobe segments.
      expect(result).to.deep.equal(withJpegSegments(original, [icc, ADOBE_APP14]));
    });

    it('still decodes to the same size, turned as the orientation says', async function () {
      const original = await imageBytes('image/jpeg', 40, 30);
      const tagged = withJpegSegments(original, phoneSegments(6));
      // Orientation 6 turns the picture a quarter, so a 40x30 image is shown 30 wide.
      expect(await decodedSize(tagged, 'image/jpeg')).to.deep.equal({ width: 30, height: 40 });
      expect(await decodedSize(stripped(tagged, 'image/jpeg'), 'image/jpeg')).to.deep.equal({ width: 30, height: 40 });
    });

    it('puts the orientation-only Exif where the first Exif segment was, and strips its own output to itself', async function () {
      const original = await imageBytes('image/jpeg');
      const once = stripped(withJpegSegments(original, phoneSegments(8)), 'image/jpeg');
      expect(once).to.deep.equal(withJpegSegments(original, [orientationOnlyExif(8), ADOBE_APP14]));
      expect(stripped(once, 'image/jpeg')).to.deep.equal(once);
    });

    it('reads the orientation from a big-endian TIFF as well', async function () {
      // "MM", 42, IFD0 at 8 with one entry: Orientation, SHORT, one value, 3; then no next IFD.
      const big = new Uint8Array(26);
      big.set([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 3]);
      const jpeg = withJpegSegments(await imageBytes('image/jpeg'), [jpegSegment(0xe1, concatBytes(new TextEncoder().encode('Exif\0\0'), big))]);
      expect(exifEntries(stripped(jpeg, 'image/jpeg'))).to.deep.equal([{ tag: 0x0112, value: 3, nextIfd: 0 }]);
    });

    it('drops an Exif segment whose orientation is missing or unreadable, without inventing one', async function () {
      const original = await imageBytes('image/jpeg');
      for (const payload of ['Exif\0\0', 'Exif\0\0II*\0\xff\xff\xff\x7f', 'Exif\0\0XX']) {
        expect(stripped(withJpegSegments(original, [jpegSegment(0xe1, payload)]), 'image/jpeg')).to.deep.equal(original);
      }
    });

    it('comes out byte-identical when it has no metadata', async function () {
      const original = await imageBytes('image/jpeg', 33, 21);
      expect(stripMetadata(original, 'image/jpeg')).to.deep.equal({ ok: true, bytes: original });
    });

    it('refuses a header that is cut off or whose lengths run past the end, naming what is wrong', async function () {
      const original = withJpegSegments(await imageBytes('image/jpeg'), phoneSegments(6));
      const longComment = withJpegSegments(await imageBytes('image/jpeg'), [new Uint8Array([0xff, 0xfe, 0xff, 0xff])]);
      const shortLength = withJpegSegments(await imageBytes('image/jpeg'), [new Uint8Array([0xff, 0xfe, 0x00, 0x01])]);
      const cases: [string, Uint8Array<ArrayBuffer>, string][] = [
        ['cut inside the Exif segment', original.slice(0, 40), 'runs past the end'],
        ['cut before the image data', original.slice(0, jpegHeader(original).length), 'ends before its image data'],
        ['a comment longer than the file', longComment, 'runs past the end'],
        ['a length below 2', shortLength, 'length below 2'],
        ['no start-of-image', new Uint8Array([0xff, 0xd9, 0xff]), 'start-of-image'],
      ];
      for (const [name, bytes, detail] of cases) {
        const result = stripMetadata(bytes, 'image/jpeg');
        expect(result.ok, name).to.equal(false);
        if (!result.ok) expect(result.detail, name).to.contain(detail).and.to.contain('JPEG');
      }
    });
  });

  describe('JPEG after its image data', function () {
    it('drops a comment between the scan and the end of image, and anything appended after the end', async function () {
      const original = await imageBytes('image/jpeg', 40, 30);
      const eoi = original.length - 2;
      const commented = concatBytes(original.subarray(0, eoi), jpegSegment(0xfe, 'taken at 52.3676 N, 4.9041 E'), original.subarray(eoi));
      expect(stripped(commented, 'image/jpeg')).to.deep.equal(original);
      const appended = concatBytes(original, new TextEncoder().encode('ftypmp42 a motion photo with its own location'));
      expect(stripped(appended, 'image/jpeg')).to.deep.equal(original);
      expect(await decodedSize(stripped(appended, 'image/jpeg'), 'image/jpeg')).to.deep.equal({ width: 40, height: 30 });
    });

    it('keeps a file that ends inside its image data as it came', async function () {
      const original = await imageBytes('image/jpeg', 40, 30);
      const cut = original.slice(0, original.length - 2);
      expect(stripped(cut, 'image/jpeg')).to.deep.equal(cut);
    });
  });

  describe('PNG', function () {
    it('drops the eXIf, tEXt, iTXt, zTXt and tIME chunks and keeps the others byte for byte', async function () {
      const original = await imageBytes('image/png', 20, 10);
      const gamma = pngChunk('gAMA', new Uint8Array([0, 0, 0xb1, 0x8f]));
      const tagged = withPngChunks(original, [gamma, ...pngMetadataChunks()]);
      expect(pngChunkTypes(tagged)).to.include.members(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);
      const result = stripped(tagged, 'image/png');
      expect(result).to.deep.equal(withPngChunks(original, [gamma]));
      expectNoMetadata(result, 'png');
      expect(await decodedSize(result, 'image/png')).to.deep.equal({ width: 20, height: 10 });
    });

    it('comes out byte-identical when it has no metadata, and drops what follows IEND', async function () {
      const original = await imageBytes('image/png');
      expect(stripMetadata(original, 'image/png')).to.deep.equal({ ok: true, bytes: original });
      const appended = concatBytes(original, new TextEncoder().encode('ftypmp42 a video with its own location'));
      expect(stripped(appended, 'image/png')).to.deep.equal(original);
    });

    it('refuses a chunk that is cut off or runs past the end', async function () {
      const original = withPngChunks(await imageBytes('image/png'), pngMetadataChunks());
      for (const bytes of [original.slice(0, 40), original.slice(0, original.length - 13), original.slice(0, 5)]) {
        const result = stripMetadata(bytes, 'image/png');
        expect(result.ok).to.equal(false);
        if (!result.ok) expect(result.detail).to.match(/^the PNG structure is broken: /);
      }
    });
  });

  describe('WebP', function () {
    it('drops anything appended after the RIFF container', async function () {
      const original = await imageBytes('image/webp', 24, 18);
      const appended = concatBytes(original, new TextEncoder().encode('ftypmp42 a video with its own location'));
      expect(stripped(appended, 'image/webp')).to.deep.equal(original);
    });

    it('drops the EXIF and XMP chunks of an extended file, clears their flags and fixes the RIFF size', async function () {
      const encoded = await imageBytes('image/webp', 24, 18);
      const tagged = extendedWebp(encoded, 24, 18, WEBP_EXIF_FLAG | WEBP_XMP_FLAG, webpMetadataChunks());
      expect(webpChunks(tagged).map((chunk) => chunk.fourcc)).to.include.members(['VP8 ', 'EXIF', 'XMP ']);
      expect(await decodedSize(tagged, 'image/webp')).to.deep.equal({ width: 24, height: 18 });
      const result = stripped(tagged, 'image/webp');
      expect(result).to.deep.equal(extendedWebp(encoded, 24, 18, 0, []));
      expect(webpChunks(result).map((chunk) => chunk.fourcc)).to.not.include.members(['EXIF', 'XMP ']);
      expect(new DataView(result.buffer).getUint32(4, true)).to.equal(result.length - 8);
      expectNoMetadata(result, 'webp');
      expect(await decodedSize(result, 'image/webp')).to.deep.equal({ width: 24, height: 18 });
    });

    it('keeps the other flags and chunks: the ICC profile the browser wrote, and what it is flagged with', async function () {
      const encoded = await imageBytes('image/webp', 8, 8);
      const tagged = extendedWebp(encoded, 8, 8, WEBP_EXIF_FLAG, webpMetadataChunks().slice(0, 1));
      const result = stripped(tagged, 'image/webp');
      expect(webpChunks(result).map((chunk) => chunk.fourcc)).to.deep.equal(webpChunks(tagged).map((chunk) => chunk.fourcc).filter((fourcc) => fourcc !== 'EXIF'));
      expect(webpChunks(result).map((chunk) => chunk.fourcc)).to.include('ICCP');
      expect(result[20]).to.equal(WEBP_ICC_FLAG);
    });

    it('comes out byte-identical when it has no metadata', async function () {
      for (const original of [await imageBytes('image/webp'), extendedWebp(await imageBytes('image/webp'), 16, 12, 0, [])]) {
        expect(stripMetadata(original, 'image/webp')).to.deep.equal({ ok: true, bytes: original });
      }
    });

    it('refuses a RIFF size past the end of the file, or a chunk past the end of the container', async function () {
      const tagged = extendedWebp(await imageBytes('image/webp'), 16, 12, WEBP_EXIF_FLAG, webpMetadataChunks());
      const result = stripMetadata(tagged.slice(0, tagged.length - 1), 'image/webp');
      expect(result).to.deep.equal({ ok: false, detail: 'the WebP structure is broken: the RIFF size runs past the end of the file' });
      const lying = tagged.slice();
      new DataView(lying.buffer).setUint32(34, 1_000_000, true);
      const chunk = stripMetadata(lying, 'image/webp');
      expect(chunk.ok).to.equal(false);
      if (!chunk.ok) expect(chunk.detail).to.contain('runs past the end of the RIFF container');
    });
  });

  describe('on any input', function () {
    const types = ['image/jpeg', 'image/png', 'image/webp'] as const;
    const prefixes: Record<PhotoContentType, number[]> = {
      'image/jpeg': [0xff, 0xd8, 0xff],
      'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      'image/webp': [0x52, 0x49, 0x46, 0x46, 0x20, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
    };

    /** Stripping either refuses or returns no more than the input plus one orientation segment. */
    function expectStripsOrRefuses(bytes: Uint8Array<ArrayBuffer>, type: PhotoContentType): void {
      const result = stripMetadata(bytes, type);
      if (result.ok) expect(result.bytes.length).to.be.at.most(bytes.length + 36);
      else expect(result.detail).to.match(/^the (JPEG|PNG|WebP) structure is broken: /);
    }

    it('strips or refuses random bytes behind a valid signature, and never throws', function () {
      fc.assert(
        fc.property(fc.constantFrom(...types), fc.uint8Array({ maxLength: 300 }), (type, tail) => {
          expectStripsOrRefuses(concatBytes(new Uint8Array(prefixes[type]), tail), type);
        }),
        { numRuns: 600 },
      );
    });

    it('strips or refuses every truncation and corruption of a photo with metadata', async function () {
      const photos: [PhotoContentType, Uint8Array<ArrayBuffer>][] = [
        ['image/jpeg', withJpegSegments(await imageBytes('image/jpeg'), phoneSegments(6))],
        ['image/png', withPngChunks(await imageBytes('image/png'), pngMetadataChunks())],
        ['image/webp', extendedWebp(await imageBytes('image/webp'), 16, 12, WEBP_EXIF_FLAG | WEBP_XMP_FLAG, webpMetadataChunks())],
      ];
      fc.assert(
        fc.property(fc.constantFrom(...photos), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), ([type, photo], cut, flips) => {
          const bytes = photo.slice(0, cut % (photo.length + 1));
          for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
          expectStripsOrRefuses(bytes, type);
        }),
        { numRuns: 600 },
      );
    });

    it('strips what it stripped to the same bytes', async function () {
      const photos: [PhotoContentType, Uint8Array<ArrayBuffer>][] = [
        ['image/jpeg', withJpegSegments(await imageBytes('image/jpeg'), phoneSegments(5))],
        ['image/png', withPngChunks(await imageBytes('image/png'), pngMetadataChunks())],
        ['image/webp', extendedWebp(await imageBytes('image/webp'), 16, 12, WEBP_EXIF_FLAG | WEBP_XMP_FLAG, webpMetadataChunks())],
      ];
      for (const [type, photo] of photos) {
        const once = stripped(photo, type);
        expect(once.length, type).to.be.below(photo.length);
        expect(stripped(once, type), type).to.deep.equal(once);
      }
    });
  });
});
