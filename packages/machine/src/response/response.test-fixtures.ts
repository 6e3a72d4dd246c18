import type { DecisionTree, Dispute, Money, OutcomeNode, Proposal } from '@amicable/protocol';

/** "Arrived damaged": a partial refund of 10-50 % (30 % suggested), a full refund, or a return at the seller's cost. */
export const damagedOutcome: OutcomeNode = {
  kind: 'outcome',
  title: { en: 'The item arrived damaged', nl: 'Het artikel kwam beschadigd aan' },
  guidance: { en: 'Say what is damaged and whether the item still works.' },
  description: { required: true, minLength: 20, maxLength: 2000 },
  photos: { min: 1, max: 6 },
  resolutions: [
    { type: 'partial_refund', bounds: { unit: 'percent', min: 10, max: 50, suggested: 30 } },
    { type: 'full_refund' },
    { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
  ],
  counterOffer: true,
  deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
};

/**
 * The tree the fixture dispute was opened under (`default-goods`, version 3): "What went wrong?"
 * → "It arrived" → "Damaged", which is `outcome` (the damaged outcome unless given another).
 */
export function treeWith(outcome: OutcomeNode = damagedOutcome): DecisionTree {
  return {
    id: 'default-goods',
    version: 3,
    fallbackLocale: 'en',
    root: 'root',
    nodes: {
      root: {
        kind: 'question',
        prompt: { en: 'What went wrong?' },
        options: [{ id: 'arrived', label: { en: 'It arrived, but something is wrong' }, next: 'arrived' }],
      },
      arrived: {
        kind: 'question',
        prompt: { en: 'What is wrong with it?' },
        options: [{ id: 'damaged', label: { en: 'It is damaged' }, next: 'damaged' }],
      },
      damaged: outcome,
    },
  };
}

/** The buyer's three proposals on a price: a partial refund of `partial`, a full refund, a return. */
export function proposalsOf(partial: Money): Proposal[] {
  return [
    { id: 'p-partial', resolution: { type: 'partial_refund', amount: partial } },
    { id: 'p-full', resolution: { type: 'full_refund' } },
    { id: 'p-return', resolution: { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 } },
  ];
}

/** A dispute awaiting the seller: a cracked lamp bought for 49.99 EUR, with the buyer's three proposals. */
export function disputeFixture(overrides: Partial<Dispute> = {}): Dispute {
  const price: Money = overrides.price ?? { amount: 4999, currency: 'EUR' };
  return {
    id: 'dsp_01HZX3K9',
    orderId: 'ord_7731',
    treeId: 'default-goods',
    treeVersion: 3,
    status: 'awaiting_seller',
    price,
    path: [
      { nodeId: 'root', optionId: 'arrived' },
      { nodeId: 'arrived', optionId: 'damaged' },
    ],
    outcomeId: 'damaged',
    description: 'The glass shade of the lamp is cracked along one side; the lamp itself still lights up.',
    photos: [
      {
        id: 'ph_1',
        url: 'https://cdn.example.com/disputes/dsp_01HZX3K9/ph_1.jpg',
        contentType: 'image/jpeg',
        width: 2048,
        height: 1536,
        bytes: 412_337,
      },
    ],
    proposals: proposalsOf({ amount: 2000, currency: price.currency }),
    sellerResponse: null,
    counterOffer: null,
    escalation: null,
    settlement: null,
    deadlines: { seller: '2026-11-29T10:15:00Z', buyer: null },
    idle: { waitingFor: 'seller', at: '2026-11-29T10:15:00Z', then: 'escalate' },
    timeline: [{ at: '2026-11-26T10:15:00Z', actor: 'buyer', type: 'opened' }],
    ratings: [],
    createdAt: '2026-11-26T10:15:00Z',
    updatedAt: '2026-11-26T10:15:00Z',
    ...overrides,
  };
}
