import type { Dispute } from '@amicable/protocol';
import { expect } from '@open-wc/testing';
import { changeEvents } from './dispute-change-events.js';

const base = {
  id: 'dsp-1',
  orderId: 'ord-1',
  treeId: 'tree',
  treeVersion: 1,
  status: 'awaiting_seller',
  price: { amount: 6100, currency: 'EUR' },
  path: [],
  outcomeId: 'damaged',
  description: 'Broken',
  photos: [],
  proposals: [
    { id: 'p1', resolution: { type: 'partial_refund', amount: { amount: 1220, currency: 'EUR' } } },
    { id: 'p2', resolution: { type: 'full_refund' } },
  ],
  sellerResponse: null,
  counterOffer: null,
  escalation: null,
  settlement: null,
  deadlines: { seller: '2026-11-29T09:00:00Z', buyer: null },
  idle: { waitingFor: 'seller', at: '2026-11-29T09:00:00Z', then: 'escalate' },
  timeline: [],
  ratings: [],
  createdAt: '2026-11-26T09:00:00Z',
  updatedAt: '2026-11-26T09:00:00Z',
} as Dispute;

const described = (events: Event[]) => events.map((event) => [event.type, (event as Event & { detail: Record<string, unknown> }).detail]);
const escalation = { by: 'system', cause: 'seller_deadline', at: '2026-11-29T09:00:00Z' } as const;

describe('changeEvents', () => {
  it('tells nothing when nothing the host reacts to changed', () => {
    expect(changeEvents(base, base)).to.deep.equal([]);
    expect(changeEvents(base, { ...base, updatedAt: '2026-11-27T09:00:00Z' })).to.deep.equal([]);
  });

  it('tells the seller accepted a proposal, with its terms', () => {
    const next: Dispute = { ...base, status: 'settling', sellerResponse: { kind: 'accept', proposalId: 'p2' } };
    expect(described(changeEvents(base, next))).to.deep.equal([
      ['amicable-proposal-accepted', { dispute: next, by: 'seller', resolution: { type: 'full_refund' } }],
    ]);
  });

  it('tells the seller countered', () => {
    const resolution = { type: 'partial_refund', amount: { amount: 600, currency: 'EUR' } } as const;
    const next: Dispute = {
      ...base,
      status: 'awaiting_buyer',
      sellerResponse: { kind: 'counter', resolution },
      counterOffer: { resolution, answer: null },
    };
    expect(described(changeEvents(base, next))).to.deep.equal([['amicable-proposal-countered', { dispute: next, resolution }]]);
  });

  it('tells the seller rejected, and that the case went to support', () => {
    const next: Dispute = {
      ...base,
      status: 'escalated',
      sellerResponse: { kind: 'reject', reason: 'Not damaged' },
      escalation: { ...escalation, by: 'seller', cause: 'seller_rejected' },
    };
    expect(changeEvents(base, next).map((e) => e.type)).to.deep.equal(['amicable-proposal-rejected', 'amicable-dispute-escalated']);
    expect((changeEvents(base, next)[0] as Event & { detail: { by: string; reason: string } }).detail).to.include({ by: 'seller', reason: 'Not damaged' });
  });

  it('tells the buyer accepted or declined the counter-offer', () => {
    const resolution = { type: 'partial_refund', amount: { amount: 600, currency: 'EUR' } } as const;
    const countered: Dispute = {
      ...base,
      status: 'awaiting_buyer',
      sellerResponse: { kind: 'counter', resolution },
      counterOffer: { resolution, answer: null },
    };
    const accepted: Dispute = { ...countered, status: 'settling', counterOffer: { resolution, answer: 'accepted' } };
    expect(described(changeEvents(countered, accepted))).to.deep.equal([
      ['amicable-proposal-accepted', { dispute: accepted, by: 'buyer', resolution }],
    ]);
    const declined: Dispute = {
      ...countered,
      status: 'escalated',
      counterOffer: { resolution, answer: 'rejected', reason: 'Too little' },
      escalation: { ...escalation, by: 'buyer', cause: 'buyer_rejected_counter' },
    };
    expect(described(changeEvents(countered, declined))).to.deep.equal([
      ['amicable-proposal-rejected', { dispute: declined, by: 'buyer', reason: 'Too little' }],
      ['amicable-dispute-escalated', { dispute: declined }],
    ]);
  });

  it('tells a lapsed deadline\'s escalation and a withdrawal once, not again for the same status', () => {
    const escalated: Dispute = { ...base, status: 'escalated', escalation };
    expect(changeEvents(base, escalated).map((e) => e.type)).to.deep.equal(['amicable-dispute-escalated']);
    expect(changeEvents(escalated, { ...escalated, updatedAt: '2026-11-30T09:00:00Z' })).to.deep.equal([]);
    const withdrawn: Dispute = { ...base, status: 'withdrawn' };
    expect(changeEvents(base, withdrawn).map((e) => e.type)).to.deep.equal(['amicable-dispute-withdrawn']);
  });

  it('fires events that bubble out of shadow roots', () => {
    const [event] = changeEvents(base, { ...base, status: 'withdrawn' });
    expect(event!.bubbles).to.equal(true);
    expect(event!.composed).to.equal(true);
  });
});
