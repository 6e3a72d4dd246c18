import { expect } from '@open-wc/testing';
import { PhotoUploadRequest, ProblemType } from '@amicable/protocol';
import { delay, http, HttpResponse } from 'msw';
import {
  ORDER_ID,
  pattern,
  pngFile,
  problem,
  rejectionOf,
  samplePhoto,
  sampleTicket,
  script,
  testClient,
  UPLOAD_PATTERN,
  useMockBackend,
  worker,
} from './client.test-support.js';
import { AbortedError, HttpError } from './index.js';

/** Progress reports, in order. */
function progressLog() {
  const reports: [number, number][] = [];
  return { reports, onProgress: (loaded: number, total: number) => void reports.push([loaded, total]) };
}

/**
 * An XMLHttpRequest that, as it starts sending, reports a quarter, a half and three quarters of
 * its body as upload progress, the way a network upload does. (Chromium reports no upload
 * progress for a request that the mock's service worker answers.)
 */
class QuarterlyXhr extends XMLHttpRequest {
  override send(body?: Document | XMLHttpRequestBodyInit | null): void {
    let total = 0;
    this.upload.addEventListener('loadstart', (event) => (total = event.total), { once: true });
    super.send(body);
    for (const share of [0.25, 0.5, 0.75]) {
      this.upload.dispatchEvent(new ProgressEvent('progress', { loaded: total * share, total, lengthComputable: true }));
    }
  }
}

function expectSane(reports: readonly [number, number][]): void {
  for (const [loaded, total] of reports) expect(loaded).to.be.within(0, total);
  for (let i = 1; i < reports.length; i += 1) expect(reports[i]![0]).to.be.at.least(reports[i - 1]![0]);
}

describe('uploadPhoto', () => {
  useMockBackend();

  describe('multipart', () => {
    it('posts the file as the part named file, with the token and an Idempotency-Key', async () => {
      let received: { name: string; type: string; size: number } | null = null;
      const seen = script('POST', pattern('uploadPhoto'), [
        async (request) => {
          const file = (await request.formData()).get('file');
          if (!(file instanceof File)) return problem(400, ProblemType.badRequest, 'No file part');
          received = { name: file.name, type: file.type, size: file.size };
          return HttpResponse.json({ ...samplePhoto, bytes: file.size }, { status: 201 });
        },
      ]);
      const { client } = testClient();
      const photo = await client.uploadPhoto(ORDER_ID, pngFile(300, 'box.png'));
      expect(photo).to.deep.equal({ ...samplePhoto, bytes: 300 });
      expect(received).to.deep.equal({ name: 'box.png', type: 'image/png', size: 300 });
      expect(seen[0]?.authorization).to.equal(`Bearer ${ORDER_ID}:1`);
      expect(seen[0]?.idempotencyKey).to.be.a('string');
    });

    it('names a Blob without a name after its type', async () => {
      let name = '';
      script('POST', pattern('uploadPhoto'), [
        async (request) => {
          name = ((await request.formData()).get('file') as File).name;
          return HttpResponse.json(samplePhoto, { status: 201 });
        },
      ]);
      const { client } = testClient();
      await client.uploadPhoto(ORDER_ID, new Blob([await pngFile().arrayBuffer()], { type: 'image/png' }));
      expect(name).to.equal('photo.png');
    });

    it('reports progress from the browser, ending with loaded === total', async () => {
      const { client } = testClient();
      const { reports, onProgress } = progressLog();
      const file = pngFile(3 * 1024 * 1024);
      await client.uploadPhoto(ORDER_ID, file, { onProgress });
      expect(reports.length).to.be.at.least(1);
      expectSane(reports);
      const [loaded, total] = reports.at(-1)!;
      expect(loaded).to.equal(total);
      expect(total, 'the form: the file and its framing').to.be.above(file.size);
    });

    it('passes on every upload progress event of the XMLHttpRequest, in order', async () => {
      const { client } = testClient({ xhr: () => new QuarterlyXhr() });
      const { reports, onProgress } = progressLog();
      await client.uploadPhoto(ORDER_ID, pngFile(4096), { onProgress });
      const total = reports[0]![1];
      expect(total).to.be.above(4096);
      expect(reports).to.deep.equal([[0, total], [total / 4, total], [total / 2, total], [(3 * total) / 4, total], [total, total]]);
    });

    it('reports only the end when it has to upload with fetch', async () => {
      const { client } = testClient({ xhr: null });
      const { reports, onProgress } = progressLog();
      const file = pngFile(4096);
      await client.uploadPhoto(ORDER_ID, file, { onProgress });
      expect(reports).to.deep.equal([[file.size, file.size]]);
    });

    it('starts progress again from zero on a retry', async () => {
      script('POST', pattern('uploadPhoto'), [() => problem(503, ProblemType.unavailable, 'Unavailable'), 'pass']);
      const { client } = testClient({ xhr: () => new QuarterlyXhr() });
      const { reports, onProgress } = progressLog();
      await client.uploadPhoto(ORDER_ID, pngFile(4096), { onProgress });
      const loaded = reports.map(([bytes, total]) => bytes / total);
      expect(loaded).to.deep.equal([0, 0.25, 0.5, 0.75, 0, 0.25, 0.5, 0.75, 1]);
    });

    it('uses the injected XMLHttpRequest', async () => {
      let made = 0;
      const { client } = testClient({
        xhr: () => {
          made += 1;
          return new XMLHttpRequest();
        },
      });
      await client.uploadPhoto(ORDER_ID, pngFile());
      expect(made).to.equal(1);
    });

    for (const transport of ['XMLHttpRequest', 'fetch'] as const) {
      it(`stops the upload with aborted when the signal aborts (${transport})`, async () => {
        const controller = new AbortController();
        const seen = script('POST', pattern('uploadPhoto'), [
          async () => {
            controller.abort(new DOMException('The buyer removed the photo', 'AbortError'));
            await delay('infinite');
            return HttpResponse.error();
          },
        ]);
        const { client } = testClient(transport === 'fetch' ? { xhr: null } : {});
        const error = await rejectionOf(client.uploadPhoto(ORDER_ID, pngFile(64 * 1024), { signal: controller.signal }));
        expect(error).to.be.instanceOf(AbortedError);
        expect((error as AbortedError).cause).to.have.property('message', 'The buyer removed the photo');
        expect(seen).to.have.length(1);
      });
    }
  });

  describe('pre-signed', () => {
    it('asks for a ticket with the type and size, then PUTs the bytes to its URL with its headers and no token', async () => {
      let ticketRequest: unknown = null;
      const posted = script('POST', pattern('requestPhotoUpload'), [
        async (request) => {
          ticketRequest = PhotoUploadRequest.parse(await request.json());
          return HttpResponse.json(sampleTicket, { status: 201 });
        },
      ]);
      const put = script('PUT', UPLOAD_PATTERN, ['pass']);
      const { client } = testClient();
      const { reports, onProgress } = progressLog();
      const file = pngFile(512 * 1024);
      const photo = await client.uploadPhoto(ORDER_ID, file, { via: 'presigned', onProgress });
      expect(photo).to.deep.equal({ ...samplePhoto, bytes: file.size });
      expect(ticketRequest).to.deep.equal({ contentType: 'image/png', bytes: file.size });
      expect(posted[0]?.idempotencyKey).to.be.a('string');
      expect(put).to.have.length(1);
      expect(put[0]?.url).to.equal(sampleTicket.url);
      expect(put[0]?.authorization).to.equal(null);
      expectSane(reports);
      expect(reports.at(-1)).to.deep.equal([file.size, file.size]);
    });

    it('sends the caller\'s Idempotency-Key with the ticket request, the same on a retry', async () => {
      const posted = script('POST', pattern('requestPhotoUpload'), [() => HttpResponse.error(), 'pass']);
      const { client } = testClient();
      await client.uploadPhoto(ORDER_ID, pngFile(), { via: 'presigned', idempotencyKey: 'photo-key-1' });
      expect(posted.map((request) => request.idempotencyKey)).to.deep.equal(['photo-key-1', 'photo-key-1']);
    });

    it('stops before uploading when the backend refuses the size', async () => {
      script('POST', pattern('requestPhotoUpload'), [() => problem(413, ProblemType.payloadTooLarge, 'Too large')]);
      const put = script('PUT', UPLOAD_PATTERN, ['pass']);
      const { client } = testClient();
      const error = await rejectionOf(client.uploadPhoto(ORDER_ID, pngFile(), { via: 'presigned' }));
      expect(error).to.be.instanceOf(HttpError);
      expect(error).to.include({ status: 413, operation: 'requestPhotoUpload' });
      expect(put).to.have.length(0);
    });

    it('names the upload, never its signed query, when the PUT fails', async () => {
      worker.use(http.put(UPLOAD_PATTERN, () => problem(403, ProblemType.forbiddenRole, 'The signature has expired')));
      const { client } = testClient();
      const error = await rejectionOf(client.uploadPhoto(ORDER_ID, pngFile(), { via: 'presigned' }));
      expect(error).to.include({ operation: 'uploadTarget', url: sampleTicket.url.split('?')[0], status: 403 });
      expect((error as Error).message).to.not.include('sig=');
    });

    it('stops the PUT with aborted when the signal aborts', async () => {
      const controller = new AbortController();
      script('PUT', UPLOAD_PATTERN, [
        async () => {
          controller.abort();
          await delay('infinite');
          return HttpResponse.error();
        },
      ]);
      const { client } = testClient();
      expect(await rejectionOf(client.uploadPhoto(ORDER_ID, pngFile(), { via: 'presigned', signal: controller.signal }))).to.be.instanceOf(AbortedError);
    });
  });
});
