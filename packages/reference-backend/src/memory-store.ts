import type { DecisionTree, Dispute } from '@amicable/protocol';
import type { IdempotencyRecord, OrderRecord, PhotoRecord, Store } from './store.js';

/** A copy nobody else holds: what goes in or comes out can be changed without touching the store. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * A `Store` in memory, for msw, tests and demos. Everything is deep-copied on the way in and out,
 * so a caller cannot change stored data by mutating what it passed or got back.
 */
export function createMemoryStore(): Store {
  const orders = new Map<string, OrderRecord>();
  const trees = new Map<string, Map<number, DecisionTree>>();
  const disputes = new Map<string, { dispute: Dispute; version: number }>();
  const photos = new Map<string, PhotoRecord>();
  const idempotency = new Map<string, IdempotencyRecord>();
  const waiting = new Set<Dispute['status']>(['awaiting_seller', 'awaiting_buyer']);

  return {
    async getOrder(orderId) {
      const order = orders.get(orderId);
      return order === undefined ? null : copy(order);
    },
    async putOrder(order) {
      orders.set(order.orderId, copy(order));
    },
    async getTree(treeId, version) {
      const versions = trees.get(treeId);
      if (versions === undefined) return null;
      const wanted = version ?? Math.max(...versions.keys());
      const tree = versions.get(wanted);
      return tree === undefined ? null : copy(tree);
    },
    async putTree(tree) {
      const versions = trees.get(tree.id) ?? new Map<number, DecisionTree>();
      versions.set(tree.version, copy(tree));
      trees.set(tree.id, versions);
    },
    async getDispute(orderId) {
      const stored = disputes.get(orderId);
      return stored === undefined ? null : copy(stored);
    },
    async insertDispute(dispute) {
      if (disputes.has(dispute.orderId)) return false;
      disputes.set(dispute.orderId, { dispute: copy(dispute), version: 1 });
      return true;
    },
    async updateDispute(dispute, expectedVersion) {
      const stored = disputes.get(dispute.orderId);
      if (stored === undefined || stored.version !== expectedVersion) return false;
      disputes.set(dispute.orderId, { dispute: copy(dispute), version: expectedVersion + 1 });
      return true;
    },
    async ordersWithLapsedDeadlines(now) {
      const limit = Date.parse(now);
      return [...disputes.values()]
        .filter(({ dispute }) => waiting.has(dispute.status) && dispute.idle.at !== null && Date.parse(dispute.idle.at) <= limit)
        .map(({ dispute }) => dispute.orderId);
    },
    async ordersLeftSettling(updatedBefore) {
      const limit = Date.parse(updatedBefore);
      return [...disputes.values()]
        .filter(({ dispute }) => dispute.status === 'settling' && Date.parse(dispute.updatedAt) <= limit)
        .map(({ dispute }) => dispute.orderId);
    },
    async putPhoto(photo) {
      photos.set(photo.id, copy(photo));
    },
    async getPhoto(photoId) {
      const photo = photos.get(photoId);
      return photo === undefined ? null : copy(photo);
    },
    async deletePendingPhotos(createdBefore) {
      const limit = Date.parse(createdBefore);
      const expired = [...photos.values()].filter((photo) => photo.status === 'pending' && Date.parse(photo.createdAt) < limit);
      for (const photo of expired) photos.delete(photo.id);
      return expired.length;
    },
    async deleteIdempotencyRecords(createdBefore) {
      const limit = Date.parse(createdBefore);
      const expired = [...idempotency.entries()].filter(([, record]) => Date.parse(record.createdAt) < limit);
      for (const [key] of expired) idempotency.delete(key);
      return expired.length;
    },
    async claimIdempotencyKey(key, fingerprint, at, takeOverBefore) {
      const held = idempotency.get(key);
      if (held !== undefined) {
        const abandoned = takeOverBefore !== undefined && held.response === null && held.fingerprint === fingerprint
          && Date.parse(held.createdAt) <= Date.parse(takeOverBefore);
        if (!abandoned) return false;
      }
      idempotency.set(key, { fingerprint, response: null, createdAt: at });
      return true;
    },
    async getIdempotencyRecord(key) {
      const record = idempotency.get(key);
      return record === undefined ? null : copy(record);
    },
    async completeIdempotencyKey(key, response) {
      const record = idempotency.get(key);
      if (record === undefined || record.response !== null) return false;
      idempotency.set(key, { ...record, response: copy(response) });
      return true;
    },
    async releaseIdempotencyKey(key) {
      idempotency.delete(key);
    },
    async close() {},
  };
}
