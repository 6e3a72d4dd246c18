import { expect } from '@open-wc/testing';
import { Dispute, OrderContext, defaultTrees, type DecisionTree, type Resolution } from '@amicable/protocol';
import type { PayoutResult, PayoutSplit } from './backend-context.js';
import {
  BASE,
  EUR_ORDER,
  expectProblem,
  expectStatus,
  harness,
  HOUR,
  JPY_ORDER,
  KWD_ORDER,
  missingPartsRequest,
  parcelLostRequest,
  START,
  type Harness,
} from './backend.test-support.js';
import { createMemoryStore } from './memory-store.js';
import type { Store } from './store.js';

const at = (hours: number) => new Date(Date.parse(START) + hours * HOUR).toISOString();
const eur = (amount: number) => ({ amount, currency: 'EUR' });

async function opened(h: Harness, request = missingPartsRequest(), orderId = EUR_ORDER): Promise<Dispute> {
  const dispute = await expectStatus<Dispute>(await h.endpoint('openDispute', 'buyer', request, { orderId }), 201);
  expect(Dispute.safeParse(dispute).success).to.equal(true);
  return dispute;
}

async function disputeNow(h: Harness, orderId = EUR_ORDER): Promise<Dispute> {
  return expectStatus<Dispute>(await h.endpoint('getDispute', 'support', undefined, { orderId }), 200);
}

/** A payments port that records every payout and answers with `answers` in turn (then success). */
function recordingPayments(...answers: (PayoutResult | Error)[]) {
  const payouts: PayoutSplit[] = [];
  return {
    payouts,
    payments: {
      async payOut(split: PayoutSplit): Promise<PayoutResult> {
        payouts.push(split);
        const answer = answers.shift() ?? { ok: true };
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  };
}

const counter = (resolution: Resolution, message?: string) => ({ kind: 'counter', resolution, ...(message === undefined ? {} : { message }) });

describe('reference backend: disputes', function () {
  describe('the order context', function () {
    it('serves the order, the caller role, the latest tree, no dispute yet and the default upload policy', async function () {
      const h = await harness();
      const context = await expectStatus<OrderContext>(await h.endpoint('getContext', 'buyer'), 200);
      expect(OrderContext.safeParse(context).success).to.equal(true);
      expect(context).to.include({ orderId: EUR_ORDER, role: 'buyer', dispute: null, locale: 'nl' });
      expect(context.price).to.deep.equal(eur(6_100));
      expect(context.tree).to.deep.equal(defaultTrees['physical-goods']);
      expect(context.uploads).to.deep.equal({ via: 'multipart', maxBytes: 10 * 1024 * 1024, contentTypes: ['image/jpeg', 'image/png', 'image/webp'] });
    });

    it("serves an order's own upload policy, and the services tree for a service", async function () {
      const h = await harness();
      const yen = await expectStatus<OrderContext>(await h.endpoint('getContext', 'seller', undefined, { orderId: JPY_ORDER }), 200);
      expect(yen.uploads).to.deep.equal({ via: 'presigned', maxBytes: 5 * 1024 * 1024, contentTypes: ['image/jpeg', 'image/webp'] });
      const dinars = await expectStatus<OrderContext>(await h.endpoint('getContext', 'support', undefined, { orderId: KWD_ORDER }), 200);
      expect(dinars.tree.id).to.equal('services');
      expect(dinars.price).to.deep.equal({ amount: 32_750, currency: 'KWD' });
    });

    it('serves the tree version an open dispute is judged by, and the latest version to an order without one', async function () {
      const h = await harness();
      await opened(h);
      const next: DecisionTree = { ...structuredClone(defaultTrees['physical-goods']), version: 2 };
      const outcome = next.nodes['missing-parts'];
      if (outcome?.kind !== 'outcome') throw new Error('missing-parts is an outcome');
      next.nodes['missing-parts'] = { ...outcome, counterOffer: false };
      await h.store.putTree(next);
      const withDispute = await expectStatus<OrderContext>(await h.endpoint('getContext', 'seller'), 200);
      expect(withDispute.tree.version).to.equal(1);
      expect(withDispute.dispute?.treeVersion).to.equal(1);
      const rules = withDispute.tree.nodes['missing-parts'];
      expect(rules?.kind === 'outcome' && rules.counterOffer).to.equal(true);
      const withoutDispute = await expectStatus<OrderContext>(await h.endpoint('getContext', 'buyer', undefined, { orderId: JPY_ORDER }), 200);
      expect(withoutDispute.tree.version).to.equal(2);
      const countered = await expectStatus<Dispute>(await h.endpoint('respond', 'seller', counter({ type: 'partial_refund', amount: eur(600) })), 200);
      expect(countered.status).to.equal('awaiting_buyer');
    });
  });

  describe('opening', function () {
    it('opens a dispute: 201, the Location of the dispute, an ETag, awaiting the seller for 72 hours', async function () {
      const h = await harness();
      const response = await h.endpoint('openDispute', 'buyer', missingPartsRequest());
      expect(response.headers.get('Location')).to.equal(`${BASE}/orders/${EUR_ORDER}/dispute`);
      expect(response.headers.get('ETag')).to.match(/^"[A-Za-z0-9_-]{27}"$/);
      const dispute = await expectStatus<Dispute>(response, 201);
      expect(dispute).to.include({ id: 'dispute-1', orderId: EUR_ORDER, status: 'awaiting_seller', treeVersion: 1, createdAt: START });
      expect(dispute.proposals).to.deep.equal([
        { id: 'p1', resolution: { type: 'partial_refund', amount: eur(900) } },
        { id: 'p2', resolution: { type: 'replacement' } },
      ]);
      expect(dispute.idle).to.deep.equal({ waitingFor: 'seller', at: at(72), then: 'escalate' });
      expect(await disputeNow(h)).to.deep.equal(dispute);
    });

    it('opens disputes in yen and in dinars, with their own minor units', async function () {
      const h = await harness();
      const yen = await opened(h, missingPartsRequest({ orderId: JPY_ORDER, proposals: [{ type: 'partial_refund', amount: { amount: 1_920, currency: 'JPY' } }] }), JPY_ORDER);
      expect(yen.price).to.deep.equal({ amount: 12_800, currency: 'JPY' });
      const dinars = await opened(h, {
        orderId: KWD_ORDER,
        treeId: 'services',
        treeVersion: 1,
        path: [{ nodeId: 'what-went-wrong', optionId: 'late' }],
        outcomeId: 'late',
        description: 'The technicians came two days after the agreed date.',
        photoIds: [],
        proposals: [{ type: 'partial_refund', amount: { amount: 3_275, currency: 'KWD' } }],
      }, KWD_ORDER);
      const accepted = await expectStatus<Dispute>(await h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' }, { orderId: KWD_ORDER }), 200);
      expect(dinars.status).to.equal('awaiting_seller');
      expect(accepted.settlement).to.deep.include({ refund: { amount: 3_275, currency: 'KWD' }, payout: { amount: 29_475, currency: 'KWD' }, status: 'paid' });
    });

    it('goes straight to support for a counterfeit', async function () {
      const h = await harness();
      const photo = await expectStatus<{ id: string }>(await h.call('POST', `/orders/${EUR_ORDER}/photos`, 'buyer', {
        headers: { 'Idempotency-Key': 'photo-1' },
        body: await (async () => {
          const form = new FormData();
          const canvas = new OffscreenCanvas(4, 4);
          canvas.getContext('2d')?.fillRect(0, 0, 4, 4);
          form.append('file', await canvas.convertToBlob({ type: 'image/png' }), 'label.png');
          return form;
        })(),
      }), 201);
      const dispute = await opened(h, missingPartsRequest({
        path: [{ nodeId: 'what-went-wrong', optionId: 'counterfeit' }],
        outcomeId: 'counterfeit',
        photoIds: [photo.id],
        proposals: [],
      }));
      expect(dispute.status).to.equal('escalated');
      expect(dispute.escalation?.cause).to.equal('straight_to_support');
      expect(dispute.photos.map((p) => p.id)).to.deep.equal([photo.id]);
    });

    it('refuses a second dispute on the order with 409 dispute-exists and the dispute', async function () {
      const h = await harness();
      const first = await opened(h);
      const problem = await expectProblem(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 409, 'dispute-exists');
      expect(problem.dispute).to.deep.equal(first);
    });

    it('refuses a request made on an older version of the tree with 409 tree-changed', async function () {
      const h = await harness();
      await h.store.putTree({ ...structuredClone(defaultTrees['physical-goods']), version: 2 });
      await expectProblem(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 409, 'tree-changed');
      await opened(h, missingPartsRequest({ treeVersion: 2 }));
    });

    it('refuses a request that breaks the rules of its outcome with 422 validation, every fault with its path and code', async function () {
      const h = await harness();
      const problem = await expectProblem(await h.endpoint('openDispute', 'buyer', missingPartsRequest({ description: 'Lid gone.', proposals: [] })), 422, 'validation');
      expect(problem.errors).to.deep.equal([
        { path: '$.description', code: 'description_too_short', message: 'the description has 9 characters; outcome "missing-parts" asks for at least 20' },
        { path: '$.proposals', code: 'no_proposal', message: 'outcome "missing-parts" asks for at least one proposal' },
      ]);
    });

    it('refuses a body for another order than the URL', async function () {
      const h = await harness();
      const problem = await expectProblem(await h.endpoint('openDispute', 'buyer', missingPartsRequest({ orderId: JPY_ORDER })), 422, 'validation');
      expect(problem.errors?.map((e) => e.path)).to.deep.equal(['$.orderId']);
    });

    it('refuses photo ids that are not stored photos of this order, with the other faults', async function () {
      const h = await harness();
      const form = new FormData();
      const canvas = new OffscreenCanvas(4, 4);
      canvas.getContext('2d')?.fillRect(0, 0, 4, 4);
      form.append('file', await canvas.convertToBlob({ type: 'image/png' }), 'x.png');
      const ofAnotherOrder = await expectStatus<{ id: string }>(await h.call('POST', `/orders/${KWD_ORDER}/photos`, 'buyer', { orderId: KWD_ORDER, headers: { 'Idempotency-Key': 'p' }, body: form }), 201);
      const ticket = await expectStatus<{ photoId: string }>(await h.endpoint('requestPhotoUpload', 'buyer', { contentType: 'image/png', bytes: 100 }), 201);
      const problem = await expectProblem(await h.endpoint('openDispute', 'buyer', missingPartsRequest({
        photoIds: [ofAnotherOrder.id, ticket.photoId, 'no-such-photo'],
        description: 'short',
      })), 422, 'validation');
      expect(problem.errors?.map((e) => `${e.path} ${e.code}`)).to.deep.equal([
        '$.photoIds[0] unknown_photo',
        '$.photoIds[1] unknown_photo',
        '$.photoIds[2] unknown_photo',
        '$.description description_too_short',
      ]);
      const onlyPhotos = await expectProblem(await h.endpoint('openDispute', 'buyer', missingPartsRequest({ photoIds: ['no-such-photo'] })), 422, 'validation');
      expect(onlyPhotos.errors?.map((e) => e.path)).to.deep.equal(['$.photoIds[0]']);
    });
  });

  describe('the seller, the buyer and support', function () {
    it('settles an accepted proposal through the payments port: the split of the protocol, then resolved', async function () {
      const { payouts, payments } = recordingPayments();
      const h = await harness({ payments });
      await opened(h);
      const response = await h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' });
      expect(response.headers.get('ETag')).to.match(/^"[A-Za-z0-9_-]{27}"$/);
      const dispute = await expectStatus<Dispute>(response, 200);
      expect(dispute.status).to.equal('resolved');
      expect(dispute.settlement).to.deep.equal({ resolution: { type: 'partial_refund', amount: eur(900) }, refund: eur(900), payout: eur(5_200), decidedBy: 'seller', status: 'paid' });
      expect(payouts).to.deep.equal([{ orderId: EUR_ORDER, refund: eur(900), payout: eur(5_200) }]);
      expect(dispute.timeline.map((e) => `${e.actor} ${e.type}`)).to.deep.equal(['buyer opened', 'seller accepted', 'system settled']);
    });

    it('records a failed payout with its reason, and support retries it', async function () {
      const { payouts, payments } = recordingPayments({ ok: false, reason: 'the card has expired' }, new Error('gateway timeout'));
      const h = await harness({ payments });
      await opened(h);
      const failed = await expectStatus<Dispute>(await h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p2' }), 200);
      expect(failed.status).to.equal('settlement_failed');
      expect(failed.settlement).to.deep.include({ status: 'failed', failureReason: 'the card has expired', refund: eur(0), payout: eur(6_100) });
      const thrown = await expectStatus<Dispute>(await h.endpoint('retrySettlement', 'support', {}), 200);
      expect(thrown.settlement).to.deep.include({ status: 'failed', failureReason: 'gateway timeout' });
      const paid = await expectStatus<Dispute>(await h.endpoint('retrySettlement', 'support', {}), 200);
      expect(paid.status).to.equal('resolved');
      expect(payouts).to.have.length(3);
    });

    it('takes a counter-offer, and the buyer accepts it', async function () {
      const h = await harness();
      await opened(h);
      h.clock.advance(HOUR);
      const countered = await expectStatus<Dispute>(await h.endpoint('respond', 'seller', counter({ type: 'partial_refund', amount: eur(600) }, ' Six euros, and sorry. ')), 200);
      expect(countered.status).to.equal('awaiting_buyer');
      expect(countered.counterOffer).to.deep.equal({ resolution: { type: 'partial_refund', amount: eur(600) }, message: 'Six euros, and sorry.', answer: null });
      expect(countered.idle).to.deep.equal({ waitingFor: 'buyer', at: at(49), then: 'escalate' });
      const accepted = await expectStatus<Dispute>(await h.endpoint('answerCounter', 'buyer', { answer: 'accept' }), 200);
      expect(accepted.status).to.equal('resolved');
      expect(accepted.settlement).to.deep.include({ refund: eur(600), payout: eur(5_500), decidedBy: 'buyer' });
    });

    it('escalates when the buyer rejects the counter-offer, and support decides', async function () {
      const h = await harness();
      await opened(h);
      await expectStatus(await h.endpoint('respond', 'seller', counter({ type: 'replacement' })), 422);
      await expectStatus(await h.endpoint('respond', 'seller', counter({ type: 'partial_refund', amount: eur(400) })), 200);
      const rejected = await expectStatus<Dispute>(await h.endpoint('answerCounter', 'buyer', { answer: 'reject', reason: 'Far too little.' }), 200);
      expect(rejected.status).to.equal('escalated');
      expect(rejected.escalation).to.deep.include({ cause: 'buyer_rejected_counter', reason: 'Far too little.' });
      const decided = await expectStatus<Dispute>(await h.endpoint('decide', 'support', { resolution: { type: 'partial_refund', amount: eur(1_500) }, note: 'Split the difference.' }), 200);
      expect(decided.status).to.equal('resolved');
      expect(decided.settlement).to.deep.include({ decidedBy: 'support', refund: eur(1_500) });
    });

    it('escalates when the seller rejects, or when a party asks', async function () {
      const h = await harness();
      await opened(h);
      const rejected = await expectStatus<Dispute>(await h.endpoint('respond', 'seller', { kind: 'reject', reason: 'Everything was in the box.' }), 200);
      expect(rejected.escalation).to.deep.include({ by: 'seller', cause: 'seller_rejected', reason: 'Everything was in the box.' });

      const other = await harness();
      await opened(other);
      const escalated = await expectStatus<Dispute>(await other.endpoint('escalate', 'seller', { reason: 'Please have a look.' }), 200);
      expect(escalated.escalation).to.deep.include({ by: 'seller', cause: 'requested' });
    });

    it('lets the buyer withdraw, and each party rate the end once', async function () {
      const h = await harness();
      await opened(h);
      const withdrawn = await expectStatus<Dispute>(await h.endpoint('withdraw', 'buyer', {}), 200);
      expect(withdrawn.status).to.equal('withdrawn');
      await expectStatus(await h.endpoint('rate', 'buyer', { score: 5, comment: 'Sorted it out myself.' }), 200);
      const rated = await expectStatus<Dispute>(await h.endpoint('rate', 'seller', { score: 4 }), 200);
      expect(rated.ratings).to.deep.equal([{ role: 'buyer', score: 5, comment: 'Sorted it out myself.' }, { role: 'seller', score: 4 }]);
      const again = await expectProblem(await h.endpoint('rate', 'seller', { score: 1 }), 409, 'already-rated');
      expect(again.dispute).to.deep.equal(rated);
    });

    it('answers 404 not-found to any dispute action on an order without a dispute', async function () {
      const h = await harness();
      await expectProblem(await h.endpoint('getDispute', 'buyer'), 404, 'not-found');
      await expectProblem(await h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' }), 404, 'not-found');
      await expectProblem(await h.endpoint('withdraw', 'buyer', {}), 404, 'not-found');
    });
  });

  describe('refusals of the lifecycle', function () {
    it('maps invalid_state to 409 invalid-state with the dispute', async function () {
      const h = await harness();
      await opened(h);
      const resolved = await expectStatus<Dispute>(await h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' }), 200);
      const problem = await expectProblem(await h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' }), 409, 'invalid-state');
      expect(problem.dispute).to.deep.equal(resolved);
    });

    it('maps forbidden_role to 403 forbidden-role: the buyer cannot escalate or answer while the seller is to respond', async function () {
      const h = await harness();
      await opened(h);
      await expectProblem(await h.endpoint('escalate', 'buyer', { reason: 'Hurry up.' }), 403, 'forbidden-role');
      await expectProblem(await h.endpoint('answerCounter', 'buyer', { answer: 'accept' }), 403, 'forbidden-role');
    });

    it('maps unknown_proposal to 422 unknown-proposal at $.proposalId', async function () {
      const h = await harness();
      await opened(h);
      const problem = await expectProblem(await h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p9' }), 422, 'unknown-proposal');
      expect(problem.errors?.map((e) => e.path)).to.deep.equal(['$.proposalId']);
    });

    it('maps counter_not_allowed to 422 counter-not-allowed', async function () {
      const h = await harness();
      await opened(h, parcelLostRequest());
      await expectProblem(await h.endpoint('respond', 'seller', counter({ type: 'replacement' })), 422, 'counter-not-allowed');
    });

    it('maps counter_same_as_proposal to 422 validation at $.resolution', async function () {
      const h = await harness();
      await opened(h);
      const problem = await expectProblem(await h.endpoint('respond', 'seller', counter({ type: 'partial_refund', amount: eur(900) })), 422, 'validation');
      expect(problem.errors).to.deep.equal([{ path: '$.resolution', code: 'same_as_proposal', message: 'the same terms as proposal "p1"' }]);
    });

    it('maps invalid_time (a clock that went back) to 500 internal', async function () {
      const h = await harness();
      await opened(h);
      h.clock.advance(-HOUR);
      await expectProblem(await h.endpoint('withdraw', 'buyer', {}), 500, 'internal');
    });
  });

  describe('money bounds', function () {
    // The EUR order costs 61.00; parts missing allows a partial refund of 5 % to 40 %: 3.05 to 24.40.
    const cases: [string, unknown, number, string, string, string][] = [
      ['below the minimum', eur(304), 422, 'out-of-bounds', '$.resolution.amount.amount', 'below_min'],
      ['above the maximum', eur(2_441), 422, 'out-of-bounds', '$.resolution.amount.amount', 'above_max'],
      ['in another currency', { amount: 900, currency: 'USD' }, 422, 'out-of-bounds', '$.resolution.amount.currency', 'currency_mismatch'],
      ['absurdly large', eur(1e15), 422, 'out-of-bounds', '$.resolution.amount.amount', 'above_max'],
      ['a fraction of a cent', eur(600.5), 422, 'validation', '$.resolution.amount.amount', 'shape'],
      ['beyond safe integers', eur(1e300), 422, 'validation', '$.resolution.amount.amount', 'shape'],
      ['negative', eur(-600), 422, 'validation', '$.resolution.amount.amount', 'shape'],
      ['a string', { amount: '600', currency: 'EUR' }, 422, 'validation', '$.resolution.amount.amount', 'shape'],
      ['an unknown currency', { amount: 600, currency: 'XXX' }, 422, 'validation', '$.resolution.amount.currency', 'shape'],
    ];
    for (const [name, amount, status, type, path, code] of cases) {
      it(`refuses a counter-offer ${name}: ${status} ${type} at ${path}`, async function () {
        const h = await harness();
        await opened(h);
        const problem = await expectProblem(await h.endpoint('respond', 'seller', { kind: 'counter', resolution: { type: 'partial_refund', amount } }), status, type);
        expect(problem.errors?.map((e) => `${e.path} ${e.code}`)).to.deep.equal([`${path} ${code}`]);
        expect((await disputeNow(h)).status).to.equal('awaiting_seller');
      });
    }

    it('accepts a counter-offer at the exact bounds', async function () {
      for (const amount of [305, 2_440]) {
        const h = await harness();
        await opened(h);
        await expectStatus(await h.endpoint('respond', 'seller', counter({ type: 'partial_refund', amount: eur(amount) })), 200);
      }
    });

    it("refuses proposals outside the bounds when opening, at the proposal's path", async function () {
      const h = await harness();
      const request = (amount: unknown) => missingPartsRequest({ proposals: [{ type: 'partial_refund', amount } as Resolution] });
      const below = await expectProblem(await h.endpoint('openDispute', 'buyer', request(eur(100))), 422, 'validation');
      expect(below.errors?.map((e) => `${e.path} ${e.code}`)).to.deep.equal(['$.proposals[0].amount.amount proposal_below_min']);
      const absurd = await expectProblem(await h.endpoint('openDispute', 'buyer', request(eur(1e15))), 422, 'validation');
      expect(absurd.errors?.map((e) => `${e.path} ${e.code}`)).to.deep.equal(['$.proposals[0].amount.amount proposal_above_max']);
      const yen = await expectProblem(await h.endpoint('openDispute', 'buyer', request({ amount: 900, currency: 'JPY' })), 422, 'validation');
      expect(yen.errors?.map((e) => `${e.path} ${e.code}`)).to.deep.equal(['$.proposals[0].amount.currency proposal_currency_mismatch']);
      const float = await expectProblem(await h.endpoint('openDispute', 'buyer', request(eur(9.99))), 422, 'validation');
      expect(float.errors?.map((e) => `${e.path} ${e.code}`)).to.deep.equal(['$.proposals[0].amount.amount shape']);
    });

    it("refuses a decision by support above the price, or in yen for a euro order; a decision for nothing is fine", async function () {
      const h = await harness();
      await opened(h);
      await expectStatus(await h.endpoint('respond', 'seller', { kind: 'reject', reason: 'No.' }), 200);
      const above = await expectProblem(await h.endpoint('decide', 'support', { resolution: { type: 'partial_refund', amount: eur(6_101) } }), 422, 'out-of-bounds');
      expect(above.errors?.map((e) => e.path)).to.deep.equal(['$.resolution.amount.amount']);
      const yen = await expectProblem(await h.endpoint('decide', 'support', { resolution: { type: 'partial_refund', amount: { amount: 10, currency: 'JPY' } } }), 422, 'out-of-bounds');
      expect(yen.errors?.map((e) => e.path)).to.deep.equal(['$.resolution.amount.currency']);
      const nothing = await expectStatus<Dispute>(await h.endpoint('decide', 'support', { resolution: { type: 'no_refund' } }), 200);
      expect(nothing.settlement).to.deep.include({ refund: eur(0), payout: eur(6_100) });
    });

    it('refuses fractions of a yen', async function () {
      const h = await harness();
      await opened(h, missingPartsRequest({ orderId: JPY_ORDER, proposals: [{ type: 'replacement' }] }), JPY_ORDER);
      const problem = await expectProblem(await h.endpoint('respond', 'seller', counter({ type: 'partial_refund', amount: { amount: 1_500.5, currency: 'JPY' } }), { orderId: JPY_ORDER }), 422, 'validation');
      expect(problem.errors?.map((e) => e.path)).to.deep.equal(['$.resolution.amount.amount']);
    });
  });

  describe('deadlines', function () {
    it("applies the seller's lapsed deadline before a read, as of the deadline: the tree's default is to escalate", async function () {
      const h = await harness();
      await opened(h);
      h.clock.advance(71 * HOUR);
      expect((await disputeNow(h)).status).to.equal('awaiting_seller');
      h.clock.advance(30 * HOUR);
      const lapsed = await disputeNow(h);
      expect(lapsed.status).to.equal('escalated');
      expect(lapsed.escalation).to.deep.equal({ by: 'system', cause: 'seller_deadline', at: at(72) });
      expect(lapsed.timeline.slice(1)).to.deep.equal([
        { at: at(72), actor: 'system', type: 'deadline_lapsed' },
        { at: at(72), actor: 'system', type: 'escalated' },
      ]);
    });

    it("accepts the buyer's first proposal when the seller is silent where the tree says so, and pays it out", async function () {
      const { payouts, payments } = recordingPayments();
      const h = await harness({ payments });
      await opened(h, parcelLostRequest());
      h.clock.advance(72 * HOUR);
      const context = await expectStatus<OrderContext>(await h.endpoint('getContext', 'buyer'), 200);
      expect(context.dispute?.status).to.equal('resolved');
      expect(context.dispute?.settlement).to.deep.include({ decidedBy: 'system', refund: eur(6_100), status: 'paid' });
      expect(payouts).to.deep.equal([{ orderId: EUR_ORDER, refund: eur(6_100), payout: eur(0) }]);
    });

    it("escalates when the buyer lets the counter-offer's deadline pass", async function () {
      const h = await harness();
      await opened(h);
      h.clock.advance(HOUR);
      await expectStatus(await h.endpoint('respond', 'seller', counter({ type: 'partial_refund', amount: eur(500) })), 200);
      h.clock.advance(48 * HOUR);
      const lapsed = await disputeNow(h);
      expect(lapsed.escalation).to.deep.equal({ by: 'system', cause: 'buyer_deadline', at: at(49) });
    });

    it('applies the lapse before a late action, which then finds the dispute escalated', async function () {
      const h = await harness();
      await opened(h);
      h.clock.advance(73 * HOUR);
      const problem = await expectProblem(await h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' }), 409, 'invalid-state');
      expect((problem.dispute as Dispute).escalation?.cause).to.equal('seller_deadline');
    });

    it('sweeps every lapsed deadline at once, telling subscribers, and nothing twice', async function () {
      const h = await harness();
      await opened(h);
      await opened(h, missingPartsRequest({ orderId: JPY_ORDER, proposals: [{ type: 'replacement' }] }), JPY_ORDER);
      const changes: string[] = [];
      h.backend.events.subscribeAll((change) => changes.push(`${change.orderId} ${change.dispute.status}`));
      expect(await h.backend.sweep()).to.equal(0);
      h.clock.advance(72 * HOUR);
      expect(await h.backend.sweep()).to.equal(2);
      expect(changes.sort()).to.deep.equal([`${EUR_ORDER} escalated`, `${JPY_ORDER} escalated`]);
      expect((await h.store.getDispute(EUR_ORDER))?.dispute.status).to.equal('escalated');
      expect(await h.backend.sweep()).to.equal(0);
    });
  });

  describe('a settlement left unfinished', function () {
    /**
     * Two backends on one store, as two processes on one database: the first stores the seller's
     * acceptance (`settling`) and dies while the payout is asked for; the second sweeps.
     */
    async function leftSettling(options: { settlingGraceMs?: number } = {}, ...answers: (PayoutResult | Error)[]) {
      const store = createMemoryStore();
      const dead = await harness({ store, payments: { payOut: () => new Promise<PayoutResult>(() => {}) } });
      await opened(dead);
      void dead.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' });
      while ((await store.getDispute(EUR_ORDER))?.dispute.status !== 'settling') await new Promise((resolve) => setTimeout(resolve, 0));
      const { payouts, payments } = recordingPayments(...answers);
      const live = await harness({ ...options, store, payments });
      return { live, payouts, store };
    }

    it('is paid out by the sweep once it has been settling for 60 seconds, and recorded', async function () {
      const { live, payouts, store } = await leftSettling();
      const changes: string[] = [];
      live.backend.events.subscribeAll((change) => changes.push(change.dispute.status));
      live.clock.advance(60_000 - 1);
      expect(await live.backend.sweep()).to.equal(0);
      expect(payouts).to.deep.equal([]);
      live.clock.advance(1);
      expect(await live.backend.sweep()).to.equal(1);
      expect(payouts).to.deep.equal([{ orderId: EUR_ORDER, refund: eur(900), payout: eur(5_200) }]);
      const dispute = (await store.getDispute(EUR_ORDER))?.dispute;
      expect([dispute?.status, dispute?.settlement?.status]).to.deep.equal(['resolved', 'paid']);
      expect(changes).to.deep.equal(['resolved']);
      expect(await live.backend.sweep()).to.equal(0);
      expect(payouts).to.have.length(1);
    });

    it('records a failed payout of the sweep as settlement_failed, for support to retry', async function () {
      const { live, store } = await leftSettling({}, { ok: false, reason: 'card expired' });
      live.clock.advance(60_000);
      expect(await live.backend.sweep()).to.equal(1);
      const dispute = (await store.getDispute(EUR_ORDER))?.dispute;
      expect([dispute?.status, dispute?.settlement?.failureReason]).to.deep.equal(['settlement_failed', 'card expired']);
    });

    it('waits as long as settlingGraceMs says', async function () {
      const { live, payouts } = await leftSettling({ settlingGraceMs: 5_000 });
      live.clock.advance(4_999);
      expect(await live.backend.sweep()).to.equal(0);
      live.clock.advance(1);
      expect(await live.backend.sweep()).to.equal(1);
      expect(payouts).to.have.length(1);
    });

    it('does not pay out a settlement that a request of this process is still waiting for', async function () {
      let release: (result: PayoutResult) => void = () => {};
      let asked = 0;
      const store = createMemoryStore();
      let found: (orderIds: string[]) => void = () => {};
      const sweepFound = new Promise<string[]>((resolve) => (found = resolve));
      const h = await harness({
        store: {
          ...store,
          async ordersLeftSettling(updatedBefore) {
            const orderIds = await store.ordersLeftSettling(updatedBefore);
            found(orderIds);
            return orderIds;
          },
        },
        payments: { payOut: () => new Promise<PayoutResult>((resolve) => { asked += 1; release = resolve; }) },
      });
      await opened(h);
      const accepted = h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' });
      while ((await h.store.getDispute(EUR_ORDER))?.dispute.status !== 'settling') await new Promise((resolve) => setTimeout(resolve, 0));
      h.clock.advance(10 * 60_000);
      const swept = h.backend.sweep();
      // The sweep finds the dispute settling for ten minutes, and waits for the request's turn to end.
      expect(await sweepFound).to.deep.equal([EUR_ORDER]);
      release({ ok: true });
      expect((await expectStatus<Dispute>(await accepted, 200)).status).to.equal('resolved');
      expect(await swept).to.equal(0);
      expect(asked).to.equal(1);
    });
  });

  describe('concurrency', function () {
    /** A memory store whose `updateDispute` reports a conflict the first `failures` times. */
    function conflictingStore(failures: number): Store & { conflicts: number } {
      const store = createMemoryStore();
      const wrapped = {
        ...store,
        conflicts: 0,
        async updateDispute(dispute: Dispute, version: number) {
          if (wrapped.conflicts < failures) {
            wrapped.conflicts += 1;
            return false;
          }
          return store.updateDispute(dispute, version);
        },
      };
      return wrapped;
    }

    it('runs a command again on a fresh read after a version conflict', async function () {
      const store = conflictingStore(3);
      const h = await harness({ store });
      await opened(h);
      const dispute = await expectStatus<Dispute>(await h.endpoint('withdraw', 'buyer', {}), 200);
      expect(dispute.status).to.equal('withdrawn');
      expect(store.conflicts).to.equal(3);
      expect((await store.getDispute(EUR_ORDER))?.version).to.equal(2);
    });

    it('gives up with 503 unavailable and Retry-After: 1 when the dispute keeps changing', async function () {
      const store = conflictingStore(4);
      const h = await harness({ store });
      await opened(h);
      const response = await h.endpoint('withdraw', 'buyer', {});
      expect(response.headers.get('Retry-After')).to.equal('1');
      await expectProblem(response, 503, 'unavailable');
      expect((await store.getDispute(EUR_ORDER))?.dispute.status).to.equal('awaiting_seller');
    });

    it('handles concurrent requests for one order one at a time: one acceptance, the others refused, no write ever racing', async function () {
      const store = createMemoryStore();
      let raced = 0;
      const h = await harness({
        store: {
          ...store,
          async updateDispute(dispute: Dispute, version: number) {
            const written = await store.updateDispute(dispute, version);
            if (!written) raced += 1;
            return written;
          },
        },
      });
      await opened(h);
      const responses = await Promise.all([
        h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' }),
        h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p2' }),
        h.endpoint('withdraw', 'buyer', {}),
      ]);
      expect(responses.map((r) => r.status)).to.deep.equal([200, 409, 409]);
      expect((await disputeNow(h)).settlement?.resolution.type).to.equal('partial_refund');
      expect(raced).to.equal(0);
    });

    it('opens one dispute when two requests with different keys race', async function () {
      const h = await harness();
      const responses = await Promise.all([h.endpoint('openDispute', 'buyer', missingPartsRequest()), h.endpoint('openDispute', 'buyer', parcelLostRequest())]);
      expect(responses.map((r) => r.status)).to.deep.equal([201, 409]);
    });
  });
});
