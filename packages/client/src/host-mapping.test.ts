import { expect } from '@open-wc/testing';
import { ProblemType, SellerResponse, OpenDisputeRequest, type Dispute } from '@amicable/protocol';
import { bypass, http, HttpResponse } from 'msw';
import { ORDER_ID, pngFile, problem, rejectionOf, resolvedDispute, sampleContext, sampleDispute, samplePhoto, useMockBackend, worker } from './client.test-support.js';
import { createShopClient } from './host-mapping.test-example.js';
import { ConflictError, SchemaError } from './index.js';

const SHOP = 'https://shop.example/api/v2/cases/:orderId';

/** A dispute as the shop writes it: `state` instead of `status`. */
function shopDispute({ status, ...rest }: Dispute): Record<string, unknown> {
  return { ...rest, state: status };
}

/** A 400 unless the body is `{ data: … }` with data matching `schema`; else the data. */
async function shopBody<T>(request: Request, schema: { safeParse(value: unknown): { success: boolean; data?: T } }): Promise<T | Response> {
  const json = (await request.json()) as { data?: unknown };
  const parsed = schema.safeParse(json.data);
  if (!parsed.success) return HttpResponse.json({ type: ProblemType.badRequest, title: 'Expected { data }', status: 400 }, { status: 400 });
  return parsed.data as T;
}

function authorized(request: Request): boolean {
  return request.headers.get('Authorization') === `Bearer shop-token-${ORDER_ID}`;
}

/** The shop's backend: its own routes, `{ data }` envelopes and `state`. */
const shopHandlers = [
  http.all('https://shop.example/*', ({ request }) => (authorized(request) ? undefined : new HttpResponse(null, { status: 401 }))),
  http.get(`${SHOP}/context`, () => HttpResponse.json({ data: { ...sampleContext, dispute: shopDispute(sampleDispute) } })),
  http.post(SHOP, async ({ request }) => {
    const body = await shopBody(request, OpenDisputeRequest);
    if (body instanceof Response) return body;
    return HttpResponse.json({ data: { ...shopDispute(sampleDispute), description: body.description } }, { status: 201 });
  }),
  http.get(SHOP, () => HttpResponse.json({ data: shopDispute(sampleDispute) }, { headers: { ETag: '"shop-1"' } })),
  http.post(`${SHOP}/photos`, async ({ request }) => {
    const file = (await request.formData()).get('file');
    return HttpResponse.json({ data: { ...samplePhoto, bytes: (file as File).size } }, { status: 201 });
  }),
  http.post(`${SHOP}/answer`, async ({ request }) => {
    const body = await shopBody(request, SellerResponse);
    if (body instanceof Response) return body;
    if (body.kind !== 'accept') {
      return problem(409, ProblemType.invalidState, 'Already answered', { dispute: shopDispute(resolvedDispute) });
    }
    return HttpResponse.json({ data: shopDispute(resolvedDispute) });
  }),
];

/**
 * A file of the repository as it is written: the test server compiles what it serves under a
 * `.ts` name, so the name's last letter goes percent-encoded, which the server decodes to find the
 * file but does not read as a `.ts` name.
 */
async function sourceOf(url: URL): Promise<string> {
  const response = await fetch(bypass(url.href.replace(/s$/, '%73'), { cache: 'no-store' }));
  if (!response.ok) throw new Error(`${url.pathname} answered HTTP ${response.status}`);
  return response.text();
}

/** The first ```ts block after `marker` in `markdown`, or null. */
function codeBlockAfter(markdown: string, marker: string): string | null {
  const at = markdown.indexOf(marker);
  if (at === -1) return null;
  const block = /```ts\n([\s\S]*?)```/.exec(markdown.slice(at));
  return block?.[1] ?? null;
}

const withOneNewline = (text: string): string => `${text.replace(/\n*$/, '')}\n`;

describe('the worked example of docs/client.md', () => {
  it('is the code the tests below run, to the character', async () => {
    const example = await sourceOf(new URL('./host-mapping.test-example.ts', import.meta.url));
    expect(example, 'the example as written, not compiled').to.include('type TokenSource');
    const response = await fetch(bypass(new URL('/docs/client.md', location.href), { cache: 'no-store' }));
    expect(response.ok, 'docs/client.md is served').to.equal(true);
    const shown = codeBlockAfter(await response.text(), '(`host-mapping.test-example.ts`)');
    expect(shown, 'the code block after the example\'s name').to.be.a('string');
    expect(withOneNewline(shown ?? '')).to.equal(withOneNewline(example));
  });
});

describe('a host\'s own routes and JSON (the example of docs/client.md)', () => {
  useMockBackend();
  beforeEach(() => worker.use(...shopHandlers));

  const client = createShopClient(({ orderId }) => `shop-token-${orderId}`);

  it('reads the context at the shop\'s route, unwrapped, with the nested dispute\'s state as its status', async () => {
    expect(await client.getContext(ORDER_ID)).to.deep.equal({ ...sampleContext, dispute: sampleDispute });
  });

  it('opens a dispute with the body wrapped as the shop wants it', async () => {
    const request: OpenDisputeRequest = {
      orderId: ORDER_ID,
      treeId: sampleDispute.treeId,
      treeVersion: sampleDispute.treeVersion,
      path: sampleDispute.path,
      outcomeId: sampleDispute.outcomeId,
      description: 'Wrapped and sent.',
      photoIds: [],
      proposals: [{ type: 'full_refund' }],
    };
    expect(await client.openDispute(ORDER_ID, request)).to.deep.equal({ ...sampleDispute, description: 'Wrapped and sent.' });
  });

  it('reads the dispute and its ETag', async () => {
    expect(await client.readDispute(ORDER_ID)).to.deep.equal({ status: 'modified', dispute: sampleDispute, etag: '"shop-1"', events: null });
  });

  it('uploads a photo to the shop\'s route', async () => {
    expect(await client.uploadPhoto(ORDER_ID, pngFile(100))).to.deep.equal({ ...samplePhoto, bytes: 100 });
  });

  it('sends the seller\'s answer and reads the shop\'s conflict, dispute included', async () => {
    expect(await client.respond(ORDER_ID, { kind: 'accept', proposalId: 'proposal-1' })).to.deep.equal(resolvedDispute);
    const error = await rejectionOf(client.respond(ORDER_ID, { kind: 'reject', reason: 'Changed my mind' }));
    expect(error).to.be.instanceOf(ConflictError);
    expect((error as ConflictError).dispute).to.deep.equal(resolvedDispute);
  });

  it('still validates what the adapter makes: a shop dispute without a state fails at $.status', async () => {
    worker.use(http.get(SHOP, () => HttpResponse.json({ data: sampleDispute })));
    const error = await rejectionOf(client.getDispute(ORDER_ID));
    expect(error).to.be.instanceOf(SchemaError);
    expect((error as SchemaError).faults.map((fault) => fault.path)).to.deep.equal(['$.status']);
  });
});
