import { expect } from '@open-wc/testing';
import { ProblemError } from './problems.js';
import { mediaTypeOf, parseJson, readBody } from './request-body.js';

/** A request-like object whose headers may carry Content-Length (a browser's Request may not). */
function requestWith(headers: Record<string, string>, body: ReadableStream<Uint8Array> | null): Request {
  return { headers: new Headers(headers), body } as unknown as Request;
}

async function statusOf(promise: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof ProblemError) return error.reply.status;
    throw error;
  }
}

describe('request bodies', function () {
  it('refuses a declared Content-Length above the limit with 413 without reading a byte', async function () {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>({ pull: () => void (pulled = true) }, { highWaterMark: 0 });
    expect(await statusOf(readBody(requestWith({ 'Content-Length': '1001' }, body), 1_000, 'too big'))).to.equal(413);
    expect(pulled).to.equal(false);
  });

  it('stops reading once the body passes the limit, and cancels the rest', async function () {
    let cancelled = false;
    let chunks = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks += 1;
        controller.enqueue(new Uint8Array(400));
      },
      cancel: () => void (cancelled = true),
    });
    expect(await statusOf(readBody(requestWith({}, body), 1_000, 'too big'))).to.equal(413);
    expect(cancelled).to.equal(true);
    expect(chunks).to.be.below(5);
  });

  it('reads a body up to the limit, in one piece', async function () {
    const request = new Request('http://x.test/', { method: 'POST', body: new Uint8Array([1, 2, 3]) });
    expect(Array.from(await readBody(request, 3, ''))).to.deep.equal([1, 2, 3]);
    expect(Array.from(await readBody(new Request('http://x.test/'), 3, ''))).to.deep.equal([]);
  });

  it('parses UTF-8 JSON, and answers 400 to anything else', async function () {
    expect(parseJson(new TextEncoder().encode('{"a":"é"}'))).to.deep.equal({ a: 'é' });
    for (const bytes of [new TextEncoder().encode('{"a":'), new Uint8Array([0x22, 0xc3, 0x22]), new Uint8Array(0)]) {
      expect(await statusOf(Promise.resolve().then(() => parseJson(bytes)))).to.equal(400);
    }
  });

  it('reads the media type of a Content-Type header, without parameters or case', function () {
    expect(mediaTypeOf('Application/JSON; charset=utf-8')).to.equal('application/json');
    expect(mediaTypeOf(' multipart/form-data ; boundary=x')).to.equal('multipart/form-data');
    expect(mediaTypeOf(null)).to.equal('');
  });
});
