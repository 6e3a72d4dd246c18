import { expect } from '@open-wc/testing';
import {
  createClient,
  isClientError,
  type AnyClientError,
  type ClientErrorKind,
  type MediationClient,
} from '@amicable/client';
import { ProblemType, type Dispute, type OpenDisputeRequest, type Resolution, type Role } from '@amicable/protocol';
import { imageBytes, parcelLostRequest } from '../backend.test-support.js';

/** A running reference backend, whichever adapter serves it. */
export interface ContractHarness {
  readonly baseUrl: string;
  /** A token of `role` on `orderId`, minted by the backend with its own clock. */
  token(orderId: string, role: Role, ttlSeconds?: number): Promise<string>;
  /** Moves the backend's clock forward and applies the deadlines that lapsed. */
  advanceClock(ms: number): Promise<void>;
  close(): Promise<void>;
}

export const HOUR = 3_600_000;
/** 61.00 EUR, physical goods, multipart uploads. */
export const EUR_ORDER = 'ord-1001';
/** 12800 JPY, physical goods, pre-signed uploads (JPEG and WebP). */
export const JPY_ORDER = 'ord-1002';
/** 32.750 KWD, services. */
export const KWD_ORDER = 'ord-1003';

/** What the buyer sends for `damaged-in-transit` (a 10-50 % partial refund, counter-offers allowed). */
export function damagedRequest(orderId: string, photoIds: string[], proposals: Resolution[]): OpenDisputeRequest {
  return {
    orderId,
    treeId: 'physical-goods',
    treeVersion: 1,
    path: [{ nodeId: 'what-went-wrong', optionId: 'damaged' }],
    outcomeId: 'damaged-in-transit',
    description: 'The carafe arrived with a crack along the handle; the box was crushed.',
    photoIds,
    proposals,
  };
}

/** What the buyer sends when the parcel never came (full refund; the seller's silence accepts it). */
export function notDeliveredRequest(orderId: string): OpenDisputeRequest {
  return parcelLostRequest({ orderId });
}

/** A small real JPEG, drawn and encoded by the browser. */
export async function jpegPhoto(): Promise<Blob> {
  return new Blob([await imageBytes('image/jpeg', 64, 48)], { type: 'image/jpeg' });
}

/** The error a call rejected with, or a failed assertion when it resolved. */
export async function failureOf(call: Promise<unknown>): Promise<AnyClientError> {
  try {
    await call;
  } catch (error) {
    if (isClientError(error)) return error as AnyClientError;
    throw error;
  }
  throw new Error('expected the call to fail');
}

export async function expectFailure(
  call: Promise<unknown>,
  kind: ClientErrorKind,
  problemType?: string,
): Promise<AnyClientError> {
  const error = await failureOf(call);
  expect(error.kind, error.message).to.equal(kind);
  if (problemType !== undefined) expect(error.code, error.message).to.equal(problemType);
  return error;
}

/**
 * The backend contract, exercised end to end through `@amicable/client`: the same scenarios run
 * against every adapter of the reference backend.
 */
export function describeContract(adapter: string, start: () => Promise<ContractHarness>): void {
  describe(`the backend contract through the client (${adapter})`, () => {
    let harness: ContractHarness;
    const clients = new Map<string, MediationClient>();

    /** A client acting as `role` on `orderId`, with backoff waits skipped. */
    function as(role: Role, orderId: string = EUR_ORDER): MediationClient {
      const key = `${role}:${orderId}`;
      let client = clients.get(key);
      if (client === undefined) {
        client = createClient({
          baseUrl: harness.baseUrl,
          getToken: ({ orderId: order }) => harness.token(order, role),
          sleep: () => Promise.resolve(),
        });
        clients.set(key, client);
      }
      return client;
    }

    async function openDamaged(orderId = EUR_ORDER): Promise<Dispute> {
      const buyer = as('buyer', orderId);
      const photo = await buyer.uploadPhoto(orderId, await jpegPhoto());
      const price = (await buyer.getContext(orderId)).price;
      const quarter = { amount: Math.round(price.amount / 4), currency: price.currency };
      return buyer.openDispute(
        orderId,
        damagedRequest(orderId, [photo.id], [{ type: 'partial_refund', amount: quarter }, { type: 'replacement' }]),
      );
    }

    beforeEach(async () => {
      clients.clear();
      harness = await start();
    });
    afterEach(async () => {
      await harness.close();
    });

    describe('reading the order', () => {
      it('gives every role of the order its context: the order, its price, the caller\'s role, the tree and no dispute yet', async () => {
        for (const role of ['buyer', 'seller', 'support'] as const) {
          const context = await as(role).getContext(EUR_ORDER);
          expect(context.role).to.equal(role);
          expect(context.orderId).to.equal(EUR_ORDER);
          expect(context.price).to.deep.equal({ amount: 6_100, currency: 'EUR' });
          expect(context.tree.id).to.equal('physical-goods');
          expect(context.dispute).to.equal(null);
        }
      });

      it('names the upload policy of an order that takes photos through pre-signed URLs', async () => {
        const context = await as('buyer', JPY_ORDER).getContext(JPY_ORDER);
        expect(context.uploads?.via).to.equal('presigned');
        expect(context.price).to.deep.equal({ amount: 12_800, currency: 'JPY' });
      });

      it('answers a read of an order with no dispute with not-found', async () => {
        await expectFailure(as('buyer').getDispute(EUR_ORDER), 'http', ProblemType.notFound);
      });
    });

    describe('the buyer opens, the seller accepts, the split is paid', () => {
      it('settles a partial refund in euros: refund plus payout is the price, and both parties rate it once', async () => {
        const opened = await openDamaged();
        expect(opened.status).to.equal('awaiting_seller');
        expect(opened.photos).to.have.length(1);
        expect(opened.proposals).to.have.length(2);

        const seen = await as('seller').getDispute(EUR_ORDER);
        expect(seen.id).to.equal(opened.id);
        const partial = seen.proposals[0]!;
        const settled = await as('seller').respond(EUR_ORDER, { kind: 'accept', proposalId: partial.id });
        expect(settled.status).to.equal('resolved');
        expect(settled.settlement?.refund).to.deep.equal({ amount: 1_525, currency: 'EUR' });
        expect(settled.settlement?.payout).to.deep.equal({ amount: 4_575, currency: 'EUR' });
        expect(settled.settlement?.status).to.equal('paid');

        await as('buyer').rate(EUR_ORDER, { score: 5, comment: 'Quick and fair.' });
        const rated = await as('seller').rate(EUR_ORDER, { score: 4 });
        expect(rated.ratings.map((r) => r.role).sort()).to.deep.equal(['buyer', 'seller']);
        const again = await expectFailure(as('buyer').rate(EUR_ORDER, { score: 1 }), 'conflict', ProblemType.alreadyRated);
        expect(again.kind === 'conflict' && again.dispute?.ratings).to.have.length(2);
      });

      it('serves the photo the buyer uploaded at the URL the dispute names, without a token', async () => {
        const opened = await openDamaged();
        const photo = opened.photos[0]!;
        const served = await fetch(new URL(photo.url, harness.baseUrl));
        expect(served.status).to.equal(200);
        expect(served.headers.get('content-type')).to.equal('image/jpeg');
        expect((await served.arrayBuffer()).byteLength).to.equal(photo.bytes);
      });
    });

    describe('a counter-offer', () => {
      it('settles in yen when the buyer accepts the seller\'s one counter-offer, with photos sent to a pre-signed URL', async () => {
        const buyer = as('buyer', JPY_ORDER);
        const progress: number[] = [];
        const photo = await buyer.uploadPhoto(JPY_ORDER, await jpegPhoto(), {
          via: 'presigned',
          onProgress: (loaded) => progress.push(loaded),
        });
        expect(progress.at(-1)).to.equal(photo.bytes);
        await buyer.openDispute(
          JPY_ORDER,
          damagedRequest(JPY_ORDER, [photo.id], [{ type: 'partial_refund', amount: { amount: 3_200, currency: 'JPY' } }]),
        );
        const countered = await as('seller', JPY_ORDER).respond(JPY_ORDER, {
          kind: 'counter',
          resolution: { type: 'partial_refund', amount: { amount: 1_280, currency: 'JPY' } },
          message: 'Ten percent, and I will send new filters.',
        });
        expect(countered.status).to.equal('awaiting_buyer');
        expect(countered.deadlines.buyer).to.be.a('string');

        const settled = await buyer.answerCounter(JPY_ORDER, { answer: 'accept' });
        expect(settled.status).to.equal('resolved');
        expect(settled.settlement?.refund).to.deep.equal({ amount: 1_280, currency: 'JPY' });
        expect(settled.settlement?.payout).to.deep.equal({ amount: 11_520, currency: 'JPY' });
      });

      it('escalates when the buyer rejects the counter-offer, and support decides the case', async () => {
        await openDamaged();
        await as('seller').respond(EUR_ORDER, {
          kind: 'counter',
          resolution: { type: 'partial_refund', amount: { amount: 610, currency: 'EUR' } },
        });
        const escalated = await as('buyer').answerCounter(EUR_ORDER, { answer: 'reject', reason: 'Ten percent does not cover the crack.' });
        expect(escalated.status).to.equal('escalated');
        expect(escalated.escalation?.cause).to.equal('buyer_rejected_counter');

        const decided = await as('support').decide(EUR_ORDER, {
          resolution: { type: 'partial_refund', amount: { amount: 3_050, currency: 'EUR' } },
          note: 'Half, given the photos.',
        });
        expect(decided.status).to.equal('resolved');
        expect(decided.settlement?.decidedBy).to.equal('support');
        expect(decided.settlement?.payout).to.deep.equal({ amount: 3_050, currency: 'EUR' });
      });

      it('refuses a second counter-offer and one outside the tree\'s bounds', async () => {
        await openDamaged();
        const seller = as('seller');
        const below = await expectFailure(
          seller.respond(EUR_ORDER, { kind: 'counter', resolution: { type: 'partial_refund', amount: { amount: 609, currency: 'EUR' } } }),
          'validation',
          ProblemType.outOfBounds,
        );
        expect(below.kind === 'validation' && below.errors.map((e) => e.path)).to.include('$.resolution.amount.amount');
        await seller.respond(EUR_ORDER, { kind: 'counter', resolution: { type: 'partial_refund', amount: { amount: 610, currency: 'EUR' } } });
        await expectFailure(
          seller.respond(EUR_ORDER, { kind: 'counter', resolution: { type: 'partial_refund', amount: { amount: 700, currency: 'EUR' } } }),
          'conflict',
          ProblemType.invalidState,
        );
      });
    });

    describe('rejection, escalation and withdrawal', () => {
      it('escalates a rejection with the seller\'s reason, and lets the buyer withdraw the escalated case', async () => {
        await openDamaged();
        const rejected = await as('seller').respond(EUR_ORDER, { kind: 'reject', reason: 'The crack is not visible on the photo.' });
        expect(rejected.status).to.equal('escalated');
        expect(rejected.escalation?.cause).to.equal('seller_rejected');
        const withdrawn = await as('buyer').withdraw(EUR_ORDER);
        expect(withdrawn.status).to.equal('withdrawn');
      });

      it('lets the seller hand the case to support, which may decide no refund at all', async () => {
        await openDamaged();
        const escalated = await as('seller').escalate(EUR_ORDER, { reason: 'I would like support to look at this.' });
        expect(escalated.escalation?.cause).to.equal('requested');
        const decided = await as('support').decide(EUR_ORDER, { resolution: { type: 'no_refund' } });
        expect(decided.settlement?.refund).to.deep.equal({ amount: 0, currency: 'EUR' });
        expect(decided.settlement?.payout).to.deep.equal({ amount: 6_100, currency: 'EUR' });
      });
    });

    describe('roles', () => {
      it('refuses every write to a role its token does not have', async () => {
        const request = damagedRequest(EUR_ORDER, [], [{ type: 'replacement' }]);
        await expectFailure(as('seller').openDispute(EUR_ORDER, request), 'http', ProblemType.forbiddenRole);
        await expectFailure(as('support').openDispute(EUR_ORDER, request), 'http', ProblemType.forbiddenRole);
        await expectFailure(as('seller').uploadPhoto(EUR_ORDER, await jpegPhoto()), 'http', ProblemType.forbiddenRole);
        await openDamaged();
        const proposalId = (await as('buyer').getDispute(EUR_ORDER)).proposals[0]!.id;
        await expectFailure(as('buyer').respond(EUR_ORDER, { kind: 'accept', proposalId }), 'http', ProblemType.forbiddenRole);
        await expectFailure(as('support').respond(EUR_ORDER, { kind: 'accept', proposalId }), 'http', ProblemType.forbiddenRole);
        await expectFailure(as('seller').answerCounter(EUR_ORDER, { answer: 'accept' }), 'http', ProblemType.forbiddenRole);
        await expectFailure(as('seller').withdraw(EUR_ORDER), 'http', ProblemType.forbiddenRole);
        await expectFailure(as('seller').decide(EUR_ORDER, { resolution: { type: 'full_refund' } }), 'http', ProblemType.forbiddenRole);
        await expectFailure(as('buyer').decide(EUR_ORDER, { resolution: { type: 'full_refund' } }), 'http', ProblemType.forbiddenRole);
        await expectFailure(as('buyer').retrySettlement(EUR_ORDER), 'http', ProblemType.forbiddenRole);
        await expectFailure(as('support').rate(EUR_ORDER, { score: 3 }), 'http', ProblemType.forbiddenRole);
        for (const role of ['seller', 'support'] as const) {
          await expectFailure(
            as(role).requestPhotoUpload(EUR_ORDER, { contentType: 'image/jpeg', bytes: 1_000 }),
            'http',
            ProblemType.forbiddenRole,
          );
        }
        // Nothing of that changed the dispute.
        expect((await as('seller').getDispute(EUR_ORDER)).status).to.equal('awaiting_seller');
      });

      it('refuses a party acting out of turn: 403 where the state takes the action from another role, 409 where it takes it from none', async () => {
        await openDamaged();
        // The seller's turn: accepting and escalating are the seller's to do now.
        await expectFailure(as('buyer').escalate(EUR_ORDER, { reason: 'Hurry up.' }), 'http', ProblemType.forbiddenRole);
        await expectFailure(as('buyer').answerCounter(EUR_ORDER, { answer: 'accept' }), 'http', ProblemType.forbiddenRole);
        await as('seller').respond(EUR_ORDER, { kind: 'counter', resolution: { type: 'partial_refund', amount: { amount: 610, currency: 'EUR' } } });
        // The buyer's turn: rejecting and escalating are the buyer's (or support's) to do now.
        await expectFailure(as('seller').escalate(EUR_ORDER, { reason: 'Waiting.' }), 'http', ProblemType.forbiddenRole);
        await expectFailure(as('seller').respond(EUR_ORDER, { kind: 'reject', reason: 'No.' }), 'http', ProblemType.forbiddenRole);
        // Nobody decides or rates a dispute that is still between the parties.
        await expectFailure(as('support').decide(EUR_ORDER, { resolution: { type: 'full_refund' } }), 'conflict', ProblemType.invalidState);
        await expectFailure(as('buyer').rate(EUR_ORDER, { score: 5 }), 'conflict', ProblemType.invalidState);
        expect((await as('buyer').getDispute(EUR_ORDER)).status).to.equal('awaiting_buyer');
      });

      it('never lets a token read or act on another order', async () => {
        const buyerOfEuros = createClient({
          baseUrl: harness.baseUrl,
          getToken: () => harness.token(EUR_ORDER, 'buyer'),
          sleep: () => Promise.resolve(),
        });
        await expectFailure(buyerOfEuros.getContext(JPY_ORDER), 'http', ProblemType.forbiddenRole);
        await expectFailure(buyerOfEuros.getDispute(KWD_ORDER), 'http', ProblemType.forbiddenRole);
        await expectFailure(buyerOfEuros.openDispute(JPY_ORDER, notDeliveredRequest(JPY_ORDER)), 'http', ProblemType.forbiddenRole);
      });

      it('refreshes an expired token once, and surfaces a token the backend keeps refusing', async () => {
        let calls = 0;
        const refreshing = createClient({
          baseUrl: harness.baseUrl,
          // The first token expired a second before it was handed out; the refreshed one is good.
          getToken: ({ refresh }) => {
            calls += 1;
            return harness.token(EUR_ORDER, 'buyer', refresh ? 600 : -1);
          },
          sleep: () => Promise.resolve(),
        });
        expect((await refreshing.getContext(EUR_ORDER)).role).to.equal('buyer');
        expect(calls).to.equal(2);

        const hopeless = createClient({ baseUrl: harness.baseUrl, getToken: () => 'amc1.garbage.garbage', sleep: () => Promise.resolve() });
        await expectFailure(hopeless.getContext(EUR_ORDER), 'unauthorized', ProblemType.unauthorized);
      });
    });

    describe('bounds and bad input', () => {
      const cases: { name: string; amount: unknown; problem: string }[] = [
        { name: 'below the tree\'s minimum (9 %)', amount: { amount: 549, currency: 'EUR' }, problem: ProblemType.validation },
        { name: 'above the tree\'s maximum (51 %)', amount: { amount: 3_111, currency: 'EUR' }, problem: ProblemType.validation },
        { name: 'in another currency', amount: { amount: 1_525, currency: 'USD' }, problem: ProblemType.validation },
        { name: 'absurdly large', amount: { amount: 1e15, currency: 'EUR' }, problem: ProblemType.validation },
        { name: 'a float of major units', amount: { amount: 15.25, currency: 'EUR' }, problem: ProblemType.validation },
        { name: 'negative', amount: { amount: -1, currency: 'EUR' }, problem: ProblemType.validation },
      ];
      for (const { name, amount, problem } of cases) {
        it(`refuses a proposed partial refund ${name}, naming the field, and opens nothing`, async () => {
          const request = damagedRequest(EUR_ORDER, [], [{ type: 'partial_refund', amount } as Resolution]);
          const photo = await as('buyer').uploadPhoto(EUR_ORDER, await jpegPhoto());
          const error = await expectFailure(as('buyer').openDispute(EUR_ORDER, { ...request, photoIds: [photo.id] }), 'validation', problem);
          expect(error.kind === 'validation' && error.errors.some((e) => e.path.startsWith('$.proposals[0]'))).to.equal(true);
          await expectFailure(as('buyer').getDispute(EUR_ORDER), 'http', ProblemType.notFound);
        });
      }

      it('refuses a decision worth more than the price', async () => {
        await openDamaged();
        await as('seller').respond(EUR_ORDER, { kind: 'reject', reason: 'No.' });
        await expectFailure(
          as('support').decide(EUR_ORDER, { resolution: { type: 'partial_refund', amount: { amount: 6_101, currency: 'EUR' } } }),
          'validation',
          ProblemType.outOfBounds,
        );
      });

      it('refuses a photo that is not an image, and a proposal the buyer never made', async () => {
        const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], { type: 'image/svg+xml' });
        await expectFailure(as('buyer').uploadPhoto(EUR_ORDER, svg), 'http', ProblemType.unsupportedMediaType);
        await openDamaged();
        await expectFailure(as('seller').respond(EUR_ORDER, { kind: 'accept', proposalId: 'no-such-proposal' }), 'validation', ProblemType.unknownProposal);
      });
    });

    describe('deadlines, on the backend\'s clock', () => {
      it('accepts the buyer\'s first proposal when the seller stays silent past the deadline, where the tree says so', async () => {
        const opened = await as('buyer').openDispute(EUR_ORDER, notDeliveredRequest(EUR_ORDER));
        expect(opened.idle.then).to.equal('accept_first_proposal');
        await harness.advanceClock(71 * HOUR);
        expect((await as('buyer').getDispute(EUR_ORDER)).status).to.equal('awaiting_seller');
        await harness.advanceClock(1 * HOUR);
        const lapsed = await as('buyer').getDispute(EUR_ORDER);
        expect(lapsed.status).to.equal('resolved');
        expect(lapsed.settlement?.decidedBy).to.equal('system');
        expect(lapsed.settlement?.refund).to.deep.equal({ amount: 6_100, currency: 'EUR' });
        expect(lapsed.timeline.map((entry) => entry.type)).to.include('deadline_lapsed');
      });

      it('escalates when the seller stays silent, and refuses the seller\'s late answer with the dispute as it now stands', async () => {
        await openDamaged();
        await harness.advanceClock(72 * HOUR);
        const late = await expectFailure(as('seller').respond(EUR_ORDER, { kind: 'reject', reason: 'Too late, I know.' }), 'conflict');
        expect(late.kind === 'conflict' && late.dispute?.status).to.equal('escalated');
        expect(late.kind === 'conflict' && late.dispute?.escalation?.cause).to.equal('seller_deadline');
      });

      it('escalates when the buyer does not answer a counter-offer in time', async () => {
        await openDamaged();
        await as('seller').respond(EUR_ORDER, { kind: 'counter', resolution: { type: 'partial_refund', amount: { amount: 610, currency: 'EUR' } } });
        await harness.advanceClock(48 * HOUR);
        const lapsed = await as('seller').getDispute(EUR_ORDER);
        expect(lapsed.status).to.equal('escalated');
        expect(lapsed.escalation?.cause).to.equal('buyer_deadline');
      });
    });

    describe('idempotency and conditional reads', () => {
      it('opens exactly one dispute for one Idempotency-Key sent twice, and refuses a second dispute with another key', async () => {
        const request = notDeliveredRequest(EUR_ORDER);
        const first = await as('buyer').openDispute(EUR_ORDER, request, { idempotencyKey: 'open-1' });
        const replayed = await as('buyer').openDispute(EUR_ORDER, request, { idempotencyKey: 'open-1' });
        expect(replayed).to.deep.equal(first);
        const other = await expectFailure(as('buyer').openDispute(EUR_ORDER, request, { idempotencyKey: 'open-2' }), 'conflict', ProblemType.disputeExists);
        expect(other.kind === 'conflict' && other.dispute?.id).to.equal(first.id);
      });

      it('refuses an Idempotency-Key reused with a different body', async () => {
        await as('buyer').openDispute(EUR_ORDER, notDeliveredRequest(EUR_ORDER), { idempotencyKey: 'open-1' });
        const changed = { ...notDeliveredRequest(EUR_ORDER), proposals: [{ type: 'replacement' as const }] };
        await expectFailure(as('buyer').openDispute(EUR_ORDER, changed, { idempotencyKey: 'open-1' }), 'validation', ProblemType.idempotencyKeyReused);
      });

      it('answers an unchanged read with not-modified, and a changed one with the new dispute and ETag', async () => {
        await openDamaged();
        const buyer = as('buyer');
        const first = await buyer.readDispute(EUR_ORDER);
        if (first.status !== 'modified' || first.etag === null) throw new Error('the first read must carry the dispute and its ETag');
        const unchanged = await buyer.readDispute(EUR_ORDER, { ifNoneMatch: first.etag });
        expect(unchanged.status).to.equal('not-modified');
        expect(unchanged.etag).to.equal(first.etag);
        await as('seller').respond(EUR_ORDER, { kind: 'reject', reason: 'No.' });
        const changed = await buyer.readDispute(EUR_ORDER, { ifNoneMatch: first.etag });
        expect(changed.status).to.equal('modified');
        expect(changed.etag).to.not.equal(first.etag);
        expect(changed.status === 'modified' && changed.dispute.status).to.equal('escalated');
      });
    });

    describe('live updates', () => {
      for (const transport of ['poll', 'events'] as const) {
        it(`tells the buyer when the seller answers (${transport})`, async () => {
          await openDamaged();
          const seen: string[] = [];
          const states = new Set<string>();
          const controller = new AbortController();
          const answered = new Promise<void>((resolve, reject) => {
            as('buyer').watchDispute(EUR_ORDER, {
              transport,
              intervalMs: 50,
              signal: controller.signal,
              onState: (state) => states.add(state),
              onChange: (dispute) => {
                seen.push(dispute.status);
                if (dispute.status === 'escalated') resolve();
              },
              onError: (error) => reject(error),
            });
          });
          // The seller answers once the buyer has seen the dispute as it was.
          while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
          await as('seller').respond(EUR_ORDER, { kind: 'reject', reason: 'No.' });
          await answered;
          controller.abort();
          expect(seen[0]).to.equal('awaiting_seller');
          expect(seen.at(-1)).to.equal('escalated');
          // The change came the way asked for: over the backend's event stream, or by polling alone.
          expect(states.has('streaming')).to.equal(transport === 'events');
        });
      }
    });
  });
}
