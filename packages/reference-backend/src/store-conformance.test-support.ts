import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { defaultTrees, type DecisionTree, type Dispute } from '@amicable/protocol';
import type { OrderRecord, PhotoRecord, Store } from './store.js';

/**
 * The behaviour every `Store` shares, written once and run against each implementation (in
 * memory, and SQL on PGlite): what the backend's handler relies on when it reads, writes and
 * races. `open` is called once per suite; the tests keep apart by using ids of their own.
 */
export function describeStoreConformance(name: string, open: () => Promise<Store>): void {
  describe(`${name}: Store conformance`, function () {
    let store: Store;
    let serial = 0;
    /** An id no other test of this run uses. */
    const unique = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(serial += 1)}`;

    before(async function () {
      store = await open();
    });
    after(async function () {
      await store.close();
    });

    describe('orders', function () {
      it('reads back an order as it was put, and nothing for an unknown id', async function () {
        const order = orderRecord(unique('order'));
        expect(await store.getOrder(order.orderId)).to.equal(null);
        await store.putOrder(order);
        expect(await store.getOrder(order.orderId)).to.deep.equal(order);
      });

      it('replaces an order put again under the same id', async function () {
        const order = orderRecord(unique('order'));
        await store.putOrder(order);
        const changed: OrderRecord = { ...order, locale: 'nl', treeId: 'services' };
        await store.putOrder(changed);
        expect(await store.getOrder(order.orderId)).to.deep.equal(changed);
      });
    });

    describe('trees', function () {
      it('serves the highest version when none is named, whatever order they were put in', async function () {
        const id = unique('tree');
        await store.putTree(treeVersion(id, 2));
        await store.putTree(treeVersion(id, 10));
        await store.putTree(treeVersion(id, 1));
        expect((await store.getTree(id))?.version).to.equal(10);
      });

      it('serves an exact version when one is named, and nothing for a version never put', async function () {
        const id = unique('tree');
        await store.putTree(treeVersion(id, 1));
        await store.putTree(treeVersion(id, 2));
        expect(await store.getTree(id, 1)).to.deep.equal(treeVersion(id, 1));
        expect(await store.getTree(id, 3)).to.equal(null);
        expect(await store.getTree(unique('tree'))).to.equal(null);
      });

      it('keeps the trees of different ids apart', async function () {
        const a = unique('tree');
        const b = unique('tree');
        await store.putTree(treeVersion(a, 5));
        await store.putTree(treeVersion(b, 1));
        expect((await store.getTree(b))?.version).to.equal(1);
        expect((await store.getTree(a))?.id).to.equal(a);
      });
    });

    describe('disputes', function () {
      it('stores a new dispute at version 1 and reads it back as it was put', async function () {
        const dispute = disputeFor(unique('order'));
        expect(await store.getDispute(dispute.orderId)).to.equal(null);
        expect(await store.insertDispute(dispute)).to.equal(true);
        expect(await store.getDispute(dispute.orderId)).to.deep.equal({ dispute, version: 1 });
      });

      it('reads a dispute back with its keys in the order they were written, so its ETag does not change', async function () {
        const dispute = disputeFor(unique('order'));
        await store.insertDispute(dispute);
        expect(JSON.stringify((await store.getDispute(dispute.orderId))?.dispute)).to.equal(JSON.stringify(dispute));
      });

      it('refuses a second dispute for the same order and keeps the first', async function () {
        const first = disputeFor(unique('order'));
        await store.insertDispute(first);
        const second: Dispute = { ...first, id: unique('dispute'), description: 'another one' };
        expect(await store.insertDispute(second)).to.equal(false);
        expect(await store.getDispute(first.orderId)).to.deep.equal({ dispute: first, version: 1 });
      });

      it('updates a dispute that is still at the version named, and counts the version up', async function () {
        const dispute = disputeFor(unique('order'));
        await store.insertDispute(dispute);
        const withdrawn = withdrawnCopy(dispute);
        expect(await store.updateDispute(withdrawn, 1)).to.equal(true);
        expect(await store.getDispute(dispute.orderId)).to.deep.equal({ dispute: withdrawn, version: 2 });
      });

      it('refuses an update naming a version that is no longer current, and keeps the newer dispute', async function () {
        const dispute = disputeFor(unique('order'));
        await store.insertDispute(dispute);
        const withdrawn = withdrawnCopy(dispute);
        await store.updateDispute(withdrawn, 1);
        expect(await store.updateDispute({ ...dispute, description: 'stale' }, 1)).to.equal(false);
        expect(await store.getDispute(dispute.orderId)).to.deep.equal({ dispute: withdrawn, version: 2 });
      });

      it('refuses to update a dispute that was never stored', async function () {
        const dispute = disputeFor(unique('order'));
        expect(await store.updateDispute(dispute, 1)).to.equal(false);
        expect(await store.getDispute(dispute.orderId)).to.equal(null);
      });

      it('lets exactly one of two updates racing from the same version win', async function () {
        const dispute = disputeFor(unique('order'));
        await store.insertDispute(dispute);
        const a = { ...dispute, description: 'written by a' };
        const b = { ...dispute, description: 'written by b' };
        const results = await Promise.all([store.updateDispute(a, 1), store.updateDispute(b, 1)]);
        expect(results.filter(Boolean)).to.have.length(1);
        const stored = await store.getDispute(dispute.orderId);
        expect(stored?.version).to.equal(2);
        expect(stored?.dispute).to.deep.equal(results[0] ? a : b);
      });

      it('keeps any description, however written, byte for byte', async function () {
        await fc.assert(
          fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (description) => {
            const dispute = { ...disputeFor(unique('order')), description };
            await store.insertDispute(dispute);
            const read = await store.getDispute(dispute.orderId);
            expect(JSON.stringify(read?.dispute)).to.equal(JSON.stringify(dispute));
          }),
          { numRuns: 40 },
        );
      });
    });

    describe('lapsed deadlines', function () {
      const now = '2026-12-01T12:00:00.000Z';

      it('names the orders whose deadline is at or before now while someone is awaited', async function () {
        const before = waitingUntil(unique('order'), '2026-12-01T11:59:59.000Z');
        const exactly = waitingUntil(unique('order'), now);
        for (const dispute of [before, exactly]) await store.insertDispute(dispute);
        const lapsed = await store.ordersWithLapsedDeadlines(now);
        expect(lapsed).to.include.members([before.orderId, exactly.orderId]);
      });

      it('leaves out deadlines still ahead, disputes without a deadline and disputes that ended', async function () {
        const ahead = waitingUntil(unique('order'), '2026-12-01T12:00:01.000Z');
        const noDeadline = { ...waitingUntil(unique('order'), now), idle: { waitingFor: 'support', at: null, then: 'none' } } satisfies Dispute;
        const ended = withdrawnCopy(waitingUntil(unique('order'), '2026-11-30T00:00:00.000Z'));
        for (const dispute of [ahead, noDeadline, ended]) await store.insertDispute(dispute);
        const lapsed = await store.ordersWithLapsedDeadlines(now);
        expect(lapsed).not.to.include.members([ahead.orderId]);
        expect(lapsed).not.to.include.members([noDeadline.orderId]);
        expect(lapsed).not.to.include.members([ended.orderId]);
      });

      it('leaves out a dispute that awaits no party\'s answer, even with a time recorded', async function () {
        const dispute = { ...waitingUntil(unique('order'), '2026-11-30T00:00:00.000Z'), status: 'escalated' } satisfies Dispute;
        await store.insertDispute(dispute);
        expect(await store.ordersWithLapsedDeadlines(now)).not.to.include(dispute.orderId);
      });

      it('compares instants, not the way a time is written', async function () {
        const dispute = waitingUntil(unique('order'), '2026-12-01T13:30:00+02:00');
        await store.insertDispute(dispute);
        expect(await store.ordersWithLapsedDeadlines('2026-12-01T11:29:59.999Z')).not.to.include(dispute.orderId);
        expect(await store.ordersWithLapsedDeadlines('2026-12-01T11:30:00Z')).to.include(dispute.orderId);
      });

      it('follows the deadline of the dispute as last updated', async function () {
        const dispute = waitingUntil(unique('order'), '2026-11-30T00:00:00.000Z');
        await store.insertDispute(dispute);
        expect(await store.ordersWithLapsedDeadlines(now)).to.include(dispute.orderId);
        await store.updateDispute(withdrawnCopy(dispute), 1);
        expect(await store.ordersWithLapsedDeadlines(now)).not.to.include(dispute.orderId);
      });
    });

    describe('settlements left unfinished', function () {
      const before = '2026-12-01T12:00:00.000Z';

      it('names the disputes settling since the time named or earlier, by their updatedAt', async function () {
        const earlier = settlingSince(unique('order'), '2026-12-01T11:00:00.000Z');
        const exactly = settlingSince(unique('order'), before);
        for (const dispute of [earlier, exactly]) await store.insertDispute(dispute);
        expect(await store.ordersLeftSettling(before)).to.include.members([earlier.orderId, exactly.orderId]);
      });

      it('leaves out disputes settling since later, and disputes in any other state', async function () {
        const later = settlingSince(unique('order'), '2026-12-01T12:00:00.001Z');
        const waiting = { ...disputeFor(unique('order')), updatedAt: '2026-11-30T00:00:00.000Z' };
        const resolved = { ...settlingSince(unique('order'), '2026-11-30T00:00:00.000Z'), status: 'resolved' } satisfies Dispute;
        for (const dispute of [later, waiting, resolved]) await store.insertDispute(dispute);
        const left = await store.ordersLeftSettling(before);
        for (const dispute of [later, waiting, resolved]) expect(left, dispute.status).not.to.include(dispute.orderId);
      });

      it('compares instants, not the way a time is written', async function () {
        const dispute = settlingSince(unique('order'), '2026-12-01T13:30:00+02:00');
        await store.insertDispute(dispute);
        expect(await store.ordersLeftSettling('2026-12-01T11:29:59.999Z')).not.to.include(dispute.orderId);
        expect(await store.ordersLeftSettling('2026-12-01T11:30:00Z')).to.include(dispute.orderId);
      });

      it('finds a dispute whatever its texts hold, a NUL character included', async function () {
        const dispute = { ...settlingSince(unique('order'), '2026-11-30T00:00:00.000Z'), description: 'Broken\u0000lid' };
        expect(await store.insertDispute(dispute)).to.equal(true);
        expect(await store.ordersLeftSettling(before)).to.include(dispute.orderId);
      });

      it('follows the dispute as last updated', async function () {
        const dispute = settlingSince(unique('order'), '2026-11-30T00:00:00.000Z');
        await store.insertDispute(dispute);
        expect(await store.ordersLeftSettling(before)).to.include(dispute.orderId);
        await store.updateDispute({ ...dispute, status: 'resolved', updatedAt: '2026-11-30T00:00:01.000Z' }, 1);
        expect(await store.ordersLeftSettling(before)).not.to.include(dispute.orderId);
      });
    });

    describe('photos', function () {
      it('reads back a photo with its exact bytes, and nothing for an unknown id', async function () {
        const photo = photoRecord(unique('photo'), 'stored', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 13, 10]));
        expect(await store.getPhoto(photo.id)).to.equal(null);
        await store.putPhoto(photo);
        const read = await store.getPhoto(photo.id);
        expect(read && comparablePhoto(read)).to.deep.equal(comparablePhoto(photo));
      });

      it('replaces a pending photo once its bytes arrive under the same id', async function () {
        const id = unique('photo');
        await store.putPhoto(photoRecord(id, 'pending', new Uint8Array()));
        const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
        await store.putPhoto({ ...photoRecord(id, 'stored', bytes), width: 640, height: 480 });
        const read = await store.getPhoto(id);
        expect(read?.status).to.equal('stored');
        expect([read?.width, read?.height, read?.size]).to.deep.equal([640, 480, bytes.length]);
        expect([...(read?.bytes ?? [])]).to.deep.equal([...bytes]);
      });
    });

    describe('pending photos', function () {
      it('deletes the pending photos created before the time named, and says how many', async function () {
        const older = { ...photoRecord(unique('photo'), 'pending', new Uint8Array()), createdAt: '2026-11-26T08:59:59.999Z' };
        const exactly = { ...photoRecord(unique('photo'), 'pending', new Uint8Array()), createdAt: '2026-11-26T09:00:00.000Z' };
        const stored = { ...photoRecord(unique('photo'), 'stored', new Uint8Array([1, 2, 3])), createdAt: '2026-11-01T00:00:00.000Z' };
        for (const photo of [older, exactly, stored]) await store.putPhoto(photo);
        // Other tests' pending photos may go too; this one's are counted among them.
        expect(await store.deletePendingPhotos('2026-11-26T09:00:00.000Z')).to.be.at.least(1);
        expect(await store.getPhoto(older.id)).to.equal(null);
        expect((await store.getPhoto(exactly.id))?.status).to.equal('pending');
        expect((await store.getPhoto(stored.id))?.status).to.equal('stored');
      });

      it('compares instants, not the way a time is written, and deletes nothing twice', async function () {
        const photo = { ...photoRecord(unique('photo'), 'pending', new Uint8Array()), createdAt: '2026-10-01T11:00:00+02:00' };
        await store.putPhoto(photo);
        await store.deletePendingPhotos('2026-10-01T09:00:00Z');
        expect(await store.getPhoto(photo.id)).not.to.equal(null);
        expect(await store.deletePendingPhotos('2026-10-01T09:00:00.001Z')).to.equal(1);
        expect(await store.getPhoto(photo.id)).to.equal(null);
        expect(await store.deletePendingPhotos('2026-10-01T09:00:00.001Z')).to.equal(0);
      });
    });

    describe('idempotency keys', function () {
      const at = '2026-12-01T12:00:00.000Z';
      const response = { status: 201, headers: { 'content-type': 'application/json', etag: '"abc"' }, body: '{"id":"d-1"}' };

      it('deletes the records created before a time, answered or not, and keeps the rest', async function () {
        const [old, abandoned, recent] = [unique('key'), unique('key'), unique('key')];
        await store.claimIdempotencyKey(old, 'f1', '2026-09-01T10:00:00.000Z');
        await store.completeIdempotencyKey(old, response);
        await store.claimIdempotencyKey(abandoned, 'f2', '2026-09-01T10:00:00+02:00');
        await store.claimIdempotencyKey(recent, 'f3', '2026-09-02T10:00:00.000Z');
        // Other tests' records may go too; these two are counted among them.
        expect(await store.deleteIdempotencyRecords('2026-09-02T00:00:00.000Z')).to.be.at.least(2);
        expect(await store.getIdempotencyRecord(old)).to.equal(null);
        expect(await store.getIdempotencyRecord(abandoned)).to.equal(null);
        expect((await store.getIdempotencyRecord(recent))?.fingerprint).to.equal('f3');
        expect(await store.claimIdempotencyKey(old, 'f4', at), 'a deleted key is free again').to.equal(true);
      });

      it('claims a free key once; the claim is in flight until completed', async function () {
        const key = unique('key');
        expect(await store.getIdempotencyRecord(key)).to.equal(null);
        expect(await store.claimIdempotencyKey(key, 'f1', at)).to.equal(true);
        const record = await store.getIdempotencyRecord(key);
        expect(record?.fingerprint).to.equal('f1');
        expect(record?.response).to.equal(null);
        expect(Date.parse(record?.createdAt ?? '')).to.equal(Date.parse(at));
      });

      it('refuses a second claim of a taken key and keeps the first fingerprint', async function () {
        const key = unique('key');
        await store.claimIdempotencyKey(key, 'f1', at);
        expect(await store.claimIdempotencyKey(key, 'f2', at)).to.equal(false);
        expect((await store.getIdempotencyRecord(key))?.fingerprint).to.equal('f1');
      });

      it('lets exactly one of two racing claims of a key win', async function () {
        const key = unique('key');
        const results = await Promise.all([store.claimIdempotencyKey(key, 'a', at), store.claimIdempotencyKey(key, 'b', at)]);
        expect(results.filter(Boolean)).to.have.length(1);
        expect((await store.getIdempotencyRecord(key))?.fingerprint).to.equal(results[0] ? 'a' : 'b');
      });

      it('keeps the response of a completed key for replay', async function () {
        const key = unique('key');
        await store.claimIdempotencyKey(key, 'f1', at);
        await store.completeIdempotencyKey(key, response);
        expect((await store.getIdempotencyRecord(key))?.response).to.deep.equal(response);
        expect(await store.claimIdempotencyKey(key, 'f1', at)).to.equal(false);
      });

      it('completes a key once: a second response is refused and the first kept', async function () {
        const key = unique('key');
        await store.claimIdempotencyKey(key, 'f1', at);
        expect(await store.completeIdempotencyKey(key, response)).to.equal(true);
        expect(await store.completeIdempotencyKey(key, { ...response, status: 409 })).to.equal(false);
        expect((await store.getIdempotencyRecord(key))?.response).to.deep.equal(response);
      });

      it('refuses to complete a key that is not claimed', async function () {
        const key = unique('key');
        expect(await store.completeIdempotencyKey(key, response)).to.equal(false);
        expect(await store.getIdempotencyRecord(key)).to.equal(null);
      });

      describe('taking over an abandoned claim', function () {
        const later = '2026-12-01T12:01:00.000Z';

        it('takes over a claim without a response, of the same fingerprint, made at or before the time named, and dates it anew', async function () {
          const key = unique('key');
          await store.claimIdempotencyKey(key, 'f1', at);
          expect(await store.claimIdempotencyKey(key, 'f1', later, at)).to.equal(true);
          const record = await store.getIdempotencyRecord(key);
          expect(record?.response).to.equal(null);
          expect(Date.parse(record?.createdAt ?? '')).to.equal(Date.parse(later));
        });

        it('leaves a claim made after the time named, one of another fingerprint, and one with a response', async function () {
          const recent = unique('key');
          await store.claimIdempotencyKey(recent, 'f1', at);
          expect(await store.claimIdempotencyKey(recent, 'f1', later, '2026-12-01T11:59:59.999Z')).to.equal(false);
          expect(Date.parse((await store.getIdempotencyRecord(recent))?.createdAt ?? '')).to.equal(Date.parse(at));

          const other = unique('key');
          await store.claimIdempotencyKey(other, 'f1', at);
          expect(await store.claimIdempotencyKey(other, 'f2', later, at)).to.equal(false);
          expect((await store.getIdempotencyRecord(other))?.fingerprint).to.equal('f1');

          const answered = unique('key');
          await store.claimIdempotencyKey(answered, 'f1', at);
          await store.completeIdempotencyKey(answered, response);
          expect(await store.claimIdempotencyKey(answered, 'f1', later, later)).to.equal(false);
          expect((await store.getIdempotencyRecord(answered))?.response).to.deep.equal(response);
        });

        it('compares instants, not the way a time is written', async function () {
          const key = unique('key');
          await store.claimIdempotencyKey(key, 'f1', '2026-12-01T14:00:00+02:00');
          expect(await store.claimIdempotencyKey(key, 'f1', later, '2026-12-01T11:59:59.999Z')).to.equal(false);
          expect(await store.claimIdempotencyKey(key, 'f1', later, '2026-12-01T12:00:00Z')).to.equal(true);
        });

        it('lets exactly one of two racing takeovers win', async function () {
          const key = unique('key');
          await store.claimIdempotencyKey(key, 'f1', at);
          const results = await Promise.all([store.claimIdempotencyKey(key, 'f1', later, at), store.claimIdempotencyKey(key, 'f1', later, at)]);
          expect(results.filter(Boolean)).to.have.length(1);
        });

        it('lets a claim that took over be completed, and the first claimant\'s response then be refused', async function () {
          const key = unique('key');
          await store.claimIdempotencyKey(key, 'f1', at);
          await store.claimIdempotencyKey(key, 'f1', later, at);
          expect(await store.completeIdempotencyKey(key, response)).to.equal(true);
          expect(await store.completeIdempotencyKey(key, { ...response, body: '{"id":"d-2"}' })).to.equal(false);
          expect((await store.getIdempotencyRecord(key))?.response).to.deep.equal(response);
        });
      });

      it('frees a released key, so that a retry claims it again', async function () {
        const key = unique('key');
        await store.claimIdempotencyKey(key, 'f1', at);
        await store.releaseIdempotencyKey(key);
        expect(await store.getIdempotencyRecord(key)).to.equal(null);
        expect(await store.claimIdempotencyKey(key, 'f1', at)).to.equal(true);
      });
    });
  });
}

function orderRecord(orderId: string): OrderRecord {
  return {
    orderId,
    summary: {
      title: 'Ceramic teapot',
      reference: `#${orderId}`,
      lines: [{ title: 'Ceramic teapot, 1 l', quantity: 1, unitPrice: { amount: 4_500, currency: 'EUR' } }],
      placedAt: '2026-11-20T10:00:00Z',
      deliveredAt: '2026-11-24T15:30:00Z',
    },
    price: { amount: 4_500, currency: 'EUR' },
    buyer: { id: 'buyer-1', displayName: 'Ada B.' },
    seller: { id: 'seller-1', displayName: 'Potter & Co' },
    treeId: 'physical-goods',
    locale: 'en',
    uploads: { via: 'multipart', maxBytes: 5_000_000, contentTypes: ['image/jpeg', 'image/png'] },
  };
}

/** A default tree under another id and version. */
function treeVersion(id: string, version: number): DecisionTree {
  return { ...structuredClone(defaultTrees['physical-goods']), id, version };
}

/** A dispute just opened, the seller's move, with its deadline. */
function disputeFor(orderId: string): Dispute {
  return {
    id: `dispute-${orderId}`,
    orderId,
    treeId: 'physical-goods',
    treeVersion: 1,
    status: 'awaiting_seller',
    price: { amount: 4_500, currency: 'EUR' },
    path: [{ nodeId: 'what-went-wrong', optionId: 'damaged' }],
    outcomeId: 'damaged',
    description: 'The lid arrived in pieces. "Fragile" was written on the box; \\ nothing helped.',
    photos: [{ id: 'photo-1', url: 'https://shop.example/api/photos/photo-1?sig=x', contentType: 'image/jpeg', width: 800, height: 600, bytes: 51_200 }],
    proposals: [
      { id: 'p1', resolution: { type: 'partial_refund', amount: { amount: 1_500, currency: 'EUR' } } },
      { id: 'p2', resolution: { type: 'replacement' } },
    ],
    sellerResponse: null,
    counterOffer: null,
    escalation: null,
    settlement: null,
    deadlines: { seller: '2026-11-29T09:00:00Z', buyer: null },
    idle: { waitingFor: 'seller', at: '2026-11-29T09:00:00Z', then: 'escalate' },
    timeline: [{ at: '2026-11-26T09:00:00Z', actor: 'buyer', type: 'opened' }],
    ratings: [],
    createdAt: '2026-11-26T09:00:00Z',
    updatedAt: '2026-11-26T09:00:00Z',
  };
}

function waitingUntil(orderId: string, at: string): Dispute {
  const dispute = disputeFor(orderId);
  return { ...dispute, deadlines: { seller: at, buyer: null }, idle: { waitingFor: 'seller', at, then: 'escalate' } };
}

/** A dispute whose accepted proposal is being paid out, since `at`. */
function settlingSince(orderId: string, at: string): Dispute {
  const dispute = disputeFor(orderId);
  return {
    ...dispute,
    status: 'settling',
    sellerResponse: { kind: 'accept', proposalId: 'p1' },
    settlement: null,
    idle: { waitingFor: null, at: null, then: 'none' },
    updatedAt: at,
  };
}

/** The same dispute after the buyer withdrew it: nobody is awaited any more. */
function withdrawnCopy(dispute: Dispute): Dispute {
  return {
    ...dispute,
    status: 'withdrawn',
    idle: { waitingFor: null, at: null, then: 'none' },
    timeline: [...dispute.timeline, { at: '2026-11-27T10:00:00Z', actor: 'buyer', type: 'withdrawn' }],
    updatedAt: '2026-11-27T10:00:00Z',
  };
}

/** A photo with its bytes as a plain array and its time as an instant, for deep comparison. */
function comparablePhoto(photo: PhotoRecord): object {
  return { ...photo, bytes: [...photo.bytes], createdAt: Date.parse(photo.createdAt) };
}

function photoRecord(id: string, status: PhotoRecord['status'], bytes: Uint8Array): PhotoRecord {
  return {
    id,
    orderId: 'order-photos',
    contentType: 'image/png',
    status,
    size: status === 'pending' ? 2_048 : bytes.length,
    width: status === 'pending' ? 0 : 1,
    height: status === 'pending' ? 0 : 1,
    bytes,
    createdAt: '2026-11-26T09:00:00Z',
  };
}
