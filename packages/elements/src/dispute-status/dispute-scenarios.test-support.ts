import { applyLifecycleEvent } from '@amicable/machine';
import { defaultTrees, type Dispute, type OpenDisputeRequest, type Resolution } from '@amicable/protocol';
import { EUR_ORDER, type TestBackend } from '../test-support/reference-backend.test-support.js';

export const HOUR = 3_600_000;
/** When the test backend's clock starts: the opening time of every dispute below. */
export const OPENED_AT = Date.parse('2026-11-26T09:00:00.000Z');
/** The EUR order's parties, as its context names them. */
export const BUYER = 'Anna de Vries';
export const SELLER = 'Kiln & Kettle Ceramics';
/** The seller's counter-offer in the scenarios: 12.20 of the 61.00 paid. */
export const COUNTER: Resolution = { type: 'partial_refund', amount: { amount: 1_220, currency: 'EUR' } };
export const COUNTER_MESSAGE = 'A fifth back, and I will send a new carafe lid.';

/** A small real JPEG, drawn by the browser. */
async function jpeg(): Promise<Blob> {
  const canvas = new OffscreenCanvas(32, 24);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2d context');
  context.fillStyle = '#c33';
  context.fillRect(0, 0, 32, 24);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
}

/** The buyer opens "damaged in transit" on the EUR order: 25 % back (15.25), or a replacement. */
export async function openDamaged(t: TestBackend): Promise<Dispute> {
  const buyer = t.client('buyer');
  const photo = await buyer.uploadPhoto(EUR_ORDER, await jpeg());
  const request: OpenDisputeRequest = {
    orderId: EUR_ORDER,
    treeId: 'physical-goods',
    treeVersion: 1,
    path: [{ nodeId: 'what-went-wrong', optionId: 'damaged' }],
    outcomeId: 'damaged-in-transit',
    description: 'The carafe arrived with a crack along the handle; the box was crushed.',
    photoIds: [photo.id],
    proposals: [{ type: 'partial_refund', amount: { amount: 1_525, currency: 'EUR' } }, { type: 'replacement' }],
  };
  return buyer.openDispute(EUR_ORDER, request);
}

/** The buyer opens "parcel not delivered": a full refund, which the seller's silence accepts. */
export function openParcelLost(t: TestBackend): Promise<Dispute> {
  return t.client('buyer').openDispute(EUR_ORDER, {
    orderId: EUR_ORDER,
    treeId: 'physical-goods',
    treeVersion: 1,
    path: [
      { nodeId: 'what-went-wrong', optionId: 'not-received' },
      { nodeId: 'delivery-status', optionId: 'tracking-not-delivered' },
    ],
    outcomeId: 'parcel-not-delivered',
    description: '',
    photoIds: [],
    proposals: [{ type: 'full_refund' }],
  });
}

/** The buyer reports a suspected counterfeit, which goes straight to support. */
export async function openCounterfeit(t: TestBackend): Promise<Dispute> {
  const buyer = t.client('buyer');
  const photo = await buyer.uploadPhoto(EUR_ORDER, await jpeg());
  return buyer.openDispute(EUR_ORDER, {
    orderId: EUR_ORDER,
    treeId: 'physical-goods',
    treeVersion: 1,
    path: [{ nodeId: 'what-went-wrong', optionId: 'counterfeit' }],
    outcomeId: 'counterfeit',
    description: 'The logo on the base is printed crooked and the serial number is missing.',
    photoIds: [photo.id],
    proposals: [],
  });
}

/** The damaged dispute with the seller's counter-offer of 12.20, waiting for the buyer. */
export async function counterOffered(t: TestBackend): Promise<Dispute> {
  await openDamaged(t);
  return t.client('seller').respond(EUR_ORDER, { kind: 'counter', resolution: COUNTER, message: COUNTER_MESSAGE });
}

/** Every dispute the backend stores while `act` runs, in order (a settlement passes `settling`). */
export async function storedDuring(t: TestBackend, act: () => Promise<unknown>): Promise<Dispute[]> {
  const stored: Dispute[] = [];
  const unsubscribe = t.backend.events.subscribe(EUR_ORDER, (change) => stored.push(change.dispute));
  try {
    await act();
  } finally {
    unsubscribe();
  }
  return stored;
}

/** The buyer accepts the counter-offer; gives the dispute while settling and once resolved. */
export async function acceptedCounter(t: TestBackend): Promise<{ settling: Dispute; resolved: Dispute }> {
  await counterOffered(t);
  const stored = await storedDuring(t, () => t.client('buyer').answerCounter(EUR_ORDER, { answer: 'accept' }));
  const settling = stored.find((d) => d.status === 'settling');
  const resolved = stored.find((d) => d.status === 'resolved');
  if (settling === undefined || resolved === undefined) throw new Error('the settlement did not pass through settling to resolved');
  return { settling, resolved };
}

/**
 * A payout that failed: the host's payment system refused the settling dispute, as the
 * lifecycle records it (the seeded backend's payments always succeed).
 */
export async function settlementFailed(t: TestBackend): Promise<Dispute> {
  const { settling } = await acceptedCounter(t);
  const failed = applyLifecycleEvent(settling, defaultTrees['physical-goods'], {
    type: 'SETTLEMENT_FAILED',
    role: 'system',
    at: settling.updatedAt,
    reason: 'the card was closed',
  });
  if (!failed.ok) throw new Error(`the lifecycle refused the failed payout: ${failed.refusal.code}`);
  return failed.dispute;
}
