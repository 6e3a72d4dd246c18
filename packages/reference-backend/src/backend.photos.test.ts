import { expect } from '@open-wc/testing';
import { Photo, PhotoUploadTicket, type Dispute } from '@amicable/protocol';
import { BASE, EUR_ORDER, expectProblem, expectStatus, harness, imageBytes, JPY_ORDER, missingPartsRequest, type Harness } from './backend.test-support.js';
import { indexOfBytes, jpegHeader, jpegHeaderSegments, MAKER, phoneSegments, withJpegSegments } from './photo-metadata.test-support.js';
import { referenceSeed } from './seed.js';

const PHOTOS = `/orders/${EUR_ORDER}/photos`;
let keys = 0;

function formWith(...parts: [string, Blob | string, string?][]): FormData {
  const form = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, filename ?? 'photo');
  }
  return form;
}

function upload(h: Harness, form: FormData, init: { orderId?: string; key?: string } = {}): Promise<Response> {
  const orderId = init.orderId ?? EUR_ORDER;
  return h.call('POST', `/orders/${orderId}/photos`, 'buyer', { orderId, headers: { 'Idempotency-Key': init.key ?? `photo-${(keys += 1)}` }, body: form });
}

const file = (bytes: Uint8Array<ArrayBuffer>, type: string) => new Blob([bytes], { type });

/** A PNG whose header claims `width` x `height`. */
async function pngClaiming(width: number, height: number): Promise<Uint8Array<ArrayBuffer>> {
  const png = await imageBytes('image/png', 4, 4);
  const view = new DataView(png.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return png;
}

/** A harness with an extra order on the EUR order's terms and a small upload policy. */
async function withSmallPolicy(maxBytes: number, via: 'multipart' | 'presigned' = 'multipart'): Promise<Harness & { orderId: string }> {
  const h = await harness();
  const orderId = 'ord-small';
  await h.store.putOrder({ ...referenceSeed.orders[0]!, orderId, uploads: { via, maxBytes, contentTypes: ['image/png', 'image/jpeg'] } });
  return { ...h, orderId };
}

/** A JPEG as a phone writes it: Exif with GPS and orientation 6, XMP, IPTC and a comment. */
async function gpsTaggedJpeg(width = 40, height = 30): Promise<Uint8Array<ArrayBuffer>> {
  return withJpegSegments(await imageBytes('image/jpeg', width, height), phoneSegments(6));
}

/** Asserts that a served JPEG has no place or device left, and still says its orientation. */
function expectNoLocation(served: Uint8Array): void {
  const header = jpegHeader(served);
  for (const needle of ['GPS', MAKER, 'xmpmeta', 'Photoshop', '12 rue', new Uint8Array([0x25, 0x88])]) {
    expect(indexOfBytes(header, needle), String(needle)).to.equal(-1);
  }
  const exif = jpegHeaderSegments(served).filter((segment) => segment.marker === 0xe1);
  expect(exif.map((segment) => segment.data.length)).to.deep.equal([32]);
}

function padded(bytes: Uint8Array<ArrayBuffer>, length: number): Uint8Array<ArrayBuffer> {
  const result = new Uint8Array(length);
  result.set(bytes);
  return result;
}

describe('reference backend: photos', function () {
  describe('multipart uploads', function () {
    for (const type of ['image/jpeg', 'image/png', 'image/webp'] as const) {
      it(`stores a ${type} photo with the size read from its header, served at a URL that needs no token`, async function () {
        const h = await harness();
        const bytes = await imageBytes(type, 40, 30);
        const photo = await expectStatus<Photo>(await upload(h, formWith(['file', file(bytes, type), 'parcel.img'])), 201);
        expect(Photo.safeParse(photo).success).to.equal(true);
        expect(photo).to.deep.include({ id: 'photo-1', contentType: type, width: 40, height: 30, bytes: bytes.length });
        expect(photo.url).to.match(new RegExp(`^${BASE}/photos/photo-1\\?sig=[A-Za-z0-9_-]{43}$`));
        const served = await h.backend.handle(new Request(photo.url));
        expect(served.status).to.equal(200);
        expect(served.headers.get('Content-Type')).to.equal(type);
        expect(served.headers.get('X-Content-Type-Options')).to.equal('nosniff');
        expect(served.headers.get('Cache-Control')).to.equal('private, max-age=31536000, immutable');
        expect(new Uint8Array(await served.arrayBuffer())).to.deep.equal(bytes);
      });
    }

    it('attaches stored photos to the dispute, with their signed URLs', async function () {
      const h = await harness();
      const photo = await expectStatus<Photo>(await upload(h, formWith(['file', file(await imageBytes('image/jpeg'), 'image/jpeg')])), 201);
      const dispute = await expectStatus<Dispute>(await h.endpoint('openDispute', 'buyer', missingPartsRequest({ photoIds: [photo.id] })), 201);
      expect(dispute.photos).to.deep.equal([photo]);
    });

    it('refuses a photo URL whose signature is missing, altered or for another photo', async function () {
      const h = await harness();
      const first = await expectStatus<Photo>(await upload(h, formWith(['file', file(await imageBytes('image/png'), 'image/png')])), 201);
      const second = await expectStatus<Photo>(await upload(h, formWith(['file', file(await imageBytes('image/png', 5, 5), 'image/png')])), 201);
      const sig = new URL(first.url).searchParams.get('sig') ?? '';
      const altered = `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
      for (const url of [first.url.split('?')[0]!, `${BASE}/photos/photo-1?sig=${altered}`, `${BASE}/photos/photo-2?sig=${sig}`]) {
        await expectProblem(await h.backend.handle(new Request(url)), 403, 'forbidden-role');
      }
      expect((await h.backend.handle(new Request(second.url))).status).to.equal(200);
    });

    it('refuses what is not a JPEG, PNG or WebP by its bytes with 415, whatever it claims to be', async function () {
      const h = await harness();
      const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
      const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);
      const gif = new Uint8Array([...new TextEncoder().encode('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b]);
      const cases: [string, Uint8Array<ArrayBuffer>, string][] = [
        ['an SVG', svg, 'image/svg+xml'],
        ['an executable renamed to .jpg', exe, 'image/jpeg'],
        ['an empty file', new Uint8Array(0), 'image/png'],
        ['a GIF', gif, 'image/gif'],
        ['a GIF that claims to be a PNG', gif, 'image/png'],
        ['a PNG that claims to be a JPEG', await imageBytes('image/png'), 'image/jpeg'],
        ['a JPEG whose header is cut off', (await imageBytes('image/jpeg')).slice(0, 6), 'image/jpeg'],
      ];
      for (const [name, bytes, type] of cases) {
        const problem = await expectProblem(await upload(h, formWith(['file', file(bytes, type), 'x.jpg'])), 415, 'unsupported-media-type');
        expect(problem.detail, name).to.be.a('string');
      }
    });

    it("refuses a type the order's policy does not take", async function () {
      const h = await harness();
      await expectProblem(await upload(h, formWith(['file', file(await imageBytes('image/png'), 'image/png')]), { orderId: JPY_ORDER }), 415, 'unsupported-media-type');
    });

    it('takes a file that does not say its type, judged by its bytes', async function () {
      const h = await harness();
      const photo = await expectStatus<Photo>(await upload(h, formWith(['file', file(await imageBytes('image/webp'), '')])), 201);
      expect(photo.contentType).to.equal('image/webp');
    });

    it('refuses a file above maxBytes with 413, and takes one of exactly maxBytes', async function () {
      const h = await withSmallPolicy(1_000);
      const png = await imageBytes('image/png');
      await expectProblem(await upload(h, formWith(['file', file(padded(png, 1_001), 'image/png')]), { orderId: h.orderId }), 413, 'payload-too-large');
      const photo = await expectStatus<Photo>(await upload(h, formWith(['file', file(padded(png, 1_000), 'image/png')]), { orderId: h.orderId }), 201);
      // The limit applies to the upload; what is stored is the image without the padding after its end.
      expect(photo.bytes).to.equal(png.length);
    });

    it('stops reading a body larger than maxBytes plus the multipart overhead, with 413', async function () {
      const h = await withSmallPolicy(1_000);
      const huge = padded(await imageBytes('image/png'), 1_000 + 64 * 1024 + 1);
      await expectProblem(await upload(h, formWith(['file', file(huge, 'image/png')]), { orderId: h.orderId }), 413, 'payload-too-large');
    });

    it('refuses an image with no pixels, or above 100 megapixels by its header, with 422', async function () {
      const h = await harness();
      const huge = await expectProblem(await upload(h, formWith(['file', file(await pngClaiming(30_000, 30_000), 'image/png')])), 422, 'validation');
      expect(huge.errors).to.deep.equal([{ path: '$.file', code: 'too_many_pixels', message: 'the image is 30000x30000 pixels; at most 100 megapixels are accepted' }]);
      const empty = await expectProblem(await upload(h, formWith(['file', file(await pngClaiming(0, 10), 'image/png')])), 422, 'validation');
      expect(empty.errors?.map((e) => e.code)).to.deep.equal(['empty_image']);
      await expectStatus(await upload(h, formWith(['file', file(await pngClaiming(10_000, 10_000), 'image/png')])), 201);
    });

    it('asks for exactly one part named file', async function () {
      const h = await harness();
      const png = file(await imageBytes('image/png'), 'image/png');
      for (const form of [formWith(['photo', png]), formWith(['file', png], ['file', png]), formWith(['file', 'not a file'])]) {
        const problem = await expectProblem(await upload(h, form), 422, 'validation');
        expect(problem.errors?.map((e) => e.path)).to.deep.equal(['$.file']);
      }
    });

    it('refuses a body that is not multipart with 415, and broken multipart with 400', async function () {
      const h = await harness();
      await expectProblem(await h.call('POST', PHOTOS, 'buyer', { headers: { 'Idempotency-Key': 'a', 'Content-Type': 'image/png' }, body: await imageBytes('image/png') }), 415, 'unsupported-media-type');
      await expectProblem(await h.call('POST', PHOTOS, 'buyer', { headers: { 'Idempotency-Key': 'b', 'Content-Type': 'multipart/form-data; boundary=xyz' }, body: 'no parts here' }), 400, 'bad-request');
    });

    it('checks the body before the order, in the contract\'s order: 415, 413 and 400 come before an unknown order\'s 404', async function () {
      const h = await harness();
      const orderId = 'ord-unknown';
      const send = (headers: Record<string, string>, body: BodyInit) =>
        h.call('POST', `/orders/${orderId}/photos`, 'buyer', { orderId, headers: { 'Idempotency-Key': `unknown-${(keys += 1)}`, ...headers }, body });
      await expectProblem(await send({ 'Content-Type': 'image/png' }, await imageBytes('image/png')), 415, 'unsupported-media-type');
      // An unknown order's limit is the default policy's: 10 MiB, plus the multipart overhead.
      await expectProblem(await send({ 'Content-Type': 'multipart/form-data; boundary=xyz' }, new Uint8Array(10 * 1024 * 1024 + 64 * 1024 + 1)), 413, 'payload-too-large');
      await expectProblem(await send({ 'Content-Type': 'multipart/form-data; boundary=xyz' }, 'no parts here'), 400, 'bad-request');
      const known = formWith(['file', file(await imageBytes('image/png'), 'image/png')]);
      const response = await h.call('POST', `/orders/${orderId}/photos`, 'buyer', { orderId, headers: { 'Idempotency-Key': 'unknown-order' }, body: known });
      const notFound = await expectProblem(response, 404, 'not-found');
      expect(notFound.detail).to.equal('no such order');
    });

    it('replays a retried upload of the same file, though the form has a new boundary', async function () {
      const h = await harness();
      const bytes = await imageBytes('image/jpeg');
      const first = await expectStatus<Photo>(await upload(h, formWith(['file', file(bytes, 'image/jpeg')]), { key: 'up-1' }), 201);
      const retry = await upload(h, formWith(['file', file(bytes, 'image/jpeg')]), { key: 'up-1' });
      expect(retry.headers.get('Idempotent-Replayed')).to.equal('true');
      expect(await expectStatus(retry, 201)).to.deep.equal(first);
      const other = await upload(h, formWith(['file', file(await imageBytes('image/jpeg', 9, 9), 'image/jpeg')]), { key: 'up-1' });
      await expectProblem(other, 422, 'idempotency-key-reused');
    });
    it('stores a phone photo without its location, device or comments, and says the stored size', async function () {
      const h = await harness();
      const tagged = await gpsTaggedJpeg();
      expect(indexOfBytes(tagged, 'GPS')).to.be.above(0);
      const photo = await expectStatus<Photo>(await upload(h, formWith(['file', file(tagged, 'image/jpeg'), 'IMG_0042.jpg'])), 201);
      const served = new Uint8Array(await (await h.backend.handle(new Request(photo.url))).arrayBuffer());
      expectNoLocation(served);
      expect(photo).to.deep.include({ width: 40, height: 30, bytes: served.length });
      expect(served.length).to.be.below(tagged.length);
    });

    it('refuses a JPEG whose size can be read but whose image data is cut off, with 415', async function () {
      const h = await harness();
      const tagged = await gpsTaggedJpeg();
      const cut = tagged.slice(0, jpegHeader(tagged).length);
      const problem = await expectProblem(await upload(h, formWith(['file', file(cut, 'image/jpeg')])), 415, 'unsupported-media-type');
      expect(problem.detail).to.equal('the JPEG structure is broken: it ends before its image data');
    });
  });

  describe('pre-signed uploads', function () {
    async function ticketFor(h: Harness, contentType: string, bytes: number, orderId = JPY_ORDER): Promise<PhotoUploadTicket> {
      const ticket = await expectStatus<PhotoUploadTicket>(await h.endpoint('requestPhotoUpload', 'buyer', { contentType, bytes }, { orderId }), 201);
      expect(PhotoUploadTicket.safeParse(ticket).success).to.equal(true);
      return ticket;
    }

    const put = (h: Harness, ticket: PhotoUploadTicket, body: Uint8Array<ArrayBuffer>, url = ticket.url, headers = ticket.headers) =>
      h.backend.handle(new Request(url, { method: 'PUT', headers, body }));

    it('hands out a URL bound to the type and size for 15 minutes, and stores the photo PUT there without a token', async function () {
      const h = await harness();
      const bytes = await imageBytes('image/jpeg', 32, 24);
      const ticket = await ticketFor(h, 'image/jpeg', bytes.length);
      expect(ticket).to.deep.include({ photoId: 'photo-1', method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, expiresAt: '2026-11-26T09:15:00.000Z' });
      expect(ticket.url).to.match(new RegExp(`^${BASE}/uploads/photo-1\\?exp=1795684500&sig=[A-Za-z0-9_-]{43}$`));
      h.clock.advance(15 * 60_000);
      const photo = await expectStatus<Photo>(await put(h, ticket, bytes), 200);
      expect(photo).to.deep.include({ id: 'photo-1', contentType: 'image/jpeg', width: 32, height: 24, bytes: bytes.length });
      const served = await h.backend.handle(new Request(photo.url));
      expect(new Uint8Array(await served.arrayBuffer())).to.deep.equal(bytes);
      const dispute = await expectStatus<Dispute>(await h.endpoint('openDispute', 'buyer', missingPartsRequest({ orderId: JPY_ORDER, photoIds: [photo.id], proposals: [{ type: 'replacement' }] }), { orderId: JPY_ORDER }), 201);
      expect(dispute.photos).to.deep.equal([photo]);
    });

    it('answers a repeated PUT of the same bytes with the same photo, and refuses other bytes with 409 invalid-state', async function () {
      const h = await harness();
      const bytes = await imageBytes('image/webp');
      const ticket = await ticketFor(h, 'image/webp', bytes.length);
      const first = await expectStatus(await put(h, ticket, bytes), 200);
      expect(await expectStatus(await put(h, ticket, bytes), 200)).to.deep.equal(first);
      const other = bytes.slice();
      other[other.length - 1] = (other.at(-1) ?? 0) ^ 0xff;
      await expectProblem(await put(h, ticket, other), 409, 'invalid-state');
    });

    it('stores a phone photo PUT to its URL without its location; the ticket is for the uploaded size, a retry of the same bytes is the same photo', async function () {
      const h = await harness();
      const tagged = await gpsTaggedJpeg(32, 24);
      const ticket = await ticketFor(h, 'image/jpeg', tagged.length);
      const photo = await expectStatus<Photo>(await put(h, ticket, tagged), 200);
      const served = new Uint8Array(await (await h.backend.handle(new Request(photo.url))).arrayBuffer());
      expectNoLocation(served);
      expect(photo).to.deep.include({ id: ticket.photoId, width: 32, height: 24, bytes: served.length });
      expect(await expectStatus(await put(h, ticket, tagged), 200)).to.deep.equal(photo);
      const other = tagged.slice();
      other[other.length - 3] = (other.at(-3) ?? 0) ^ 0xff;
      await expectProblem(await put(h, ticket, other), 409, 'invalid-state');
    });

    it('refuses an expired URL, or one whose signature, expiry or photo was changed, with 403', async function () {
      const h = await harness();
      const bytes = await imageBytes('image/jpeg');
      const ticket = await ticketFor(h, 'image/jpeg', bytes.length);
      const url = new URL(ticket.url);
      const exp = url.searchParams.get('exp') ?? '';
      const sig = url.searchParams.get('sig') ?? '';
      const tampered = [
        `${BASE}/uploads/photo-1?exp=${exp}&sig=${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`,
        `${BASE}/uploads/photo-1?exp=${exp}&sig=${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`,
        `${BASE}/uploads/photo-1?exp=${Number(exp) + 3600}&sig=${sig}`,
        `${BASE}/uploads/photo-1?exp=${exp}`,
        `${BASE}/uploads/photo-9?exp=${exp}&sig=${sig}`,
      ];
      for (const other of tampered) await expectProblem(await put(h, ticket, bytes, other), 403, 'forbidden-role');
      h.clock.advance(15 * 60_000 + 1);
      const expired = await expectProblem(await put(h, ticket, bytes), 403, 'forbidden-role');
      expect(expired.detail).to.contain('expired');
    });

    it('forgets a pending photo once its URL has expired unused, and keeps the photos that arrived', async function () {
      const h = await harness();
      const bytes = await imageBytes('image/jpeg');
      const unused = await ticketFor(h, 'image/jpeg', 2_048);
      const used = await ticketFor(h, 'image/jpeg', bytes.length);
      await expectStatus(await put(h, used, bytes), 200);
      h.clock.advance(15 * 60_000);
      await h.backend.sweep();
      // The URL still takes its bytes at its last instant, so the photo is still waiting for them.
      expect((await h.store.getPhoto(unused.photoId))?.status).to.equal('pending');
      h.clock.advance(1);
      await h.backend.sweep();
      expect(await h.store.getPhoto(unused.photoId)).to.equal(null);
      expect((await h.store.getPhoto(used.photoId))?.status).to.equal('stored');
      await expectProblem(await put(h, unused, padded(bytes, 2_048)), 403, 'forbidden-role');
    });

    it('refuses bytes of another size than the ticket with 422', async function () {
      const h = await harness();
      const bytes = await imageBytes('image/jpeg');
      const ticket = await ticketFor(h, 'image/jpeg', bytes.length);
      for (const body of [bytes.slice(0, -1), padded(bytes, bytes.length + 1)]) {
        const problem = await expectProblem(await put(h, ticket, body), 422, 'validation');
        expect(problem.errors?.map((e) => e.code)).to.deep.equal(['size_mismatch']);
      }
      await expectStatus(await put(h, ticket, bytes), 200);
    });

    it('refuses bytes of another type than the ticket with 415, by their content or by the declared type', async function () {
      const h = await harness();
      const webp = await imageBytes('image/webp');
      const ticket = await ticketFor(h, 'image/jpeg', webp.length);
      await expectProblem(await put(h, ticket, webp), 415, 'unsupported-media-type');
      const jpeg = await imageBytes('image/jpeg');
      const second = await ticketFor(h, 'image/jpeg', jpeg.length);
      await expectProblem(await put(h, second, jpeg, second.url, { 'Content-Type': 'image/webp' }), 415, 'unsupported-media-type');
    });

    it('refuses an image above 100 megapixels by its header with 422', async function () {
      const h = await harness();
      const png = await pngClaiming(30_000, 30_000);
      const ticket = await ticketFor(h, 'image/png', png.length, EUR_ORDER);
      await expectProblem(await put(h, ticket, png), 422, 'validation');
    });

    it('refuses a ticket above maxBytes with 413 at once, and a type the policy does not take with 415', async function () {
      const h = await harness();
      await expectProblem(await h.endpoint('requestPhotoUpload', 'buyer', { contentType: 'image/jpeg', bytes: 5 * 1024 * 1024 + 1 }, { orderId: JPY_ORDER }), 413, 'payload-too-large');
      await expectProblem(await h.endpoint('requestPhotoUpload', 'buyer', { contentType: 'image/png', bytes: 100 }, { orderId: JPY_ORDER }), 415, 'unsupported-media-type');
      const problem = await expectProblem(await h.endpoint('requestPhotoUpload', 'buyer', { contentType: 'image/gif', bytes: 0 }, { orderId: JPY_ORDER }), 422, 'validation');
      expect(problem.errors?.map((e) => e.path)).to.deep.equal(['$.contentType', '$.bytes']);
    });
  });
});
