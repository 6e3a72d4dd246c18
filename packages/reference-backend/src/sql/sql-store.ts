import type { DecisionTree, Dispute, PhotoContentType } from '@amicable/protocol';
import type { IdempotencyRecord, OrderRecord, PhotoRecord, Store, VersionedDispute } from '../store.js';
import { migrate } from './schema.js';
import type { SqlClient } from './sql-client.js';

/** A `Store` on a SQL database, with the migration that prepares its tables. */
export interface SqlStore extends Store {
  /** Creates the store's tables where they are missing. Run once before the first use. */
  migrate(): Promise<void>;
}

interface DocRow<T> {
  readonly doc: T;
}

interface DisputeRow {
  readonly doc: Dispute;
  readonly version: number;
}

interface PhotoRow {
  readonly id: string;
  readonly order_id: string;
  readonly content_type: PhotoContentType;
  readonly status: 'pending' | 'stored';
  readonly size: number;
  readonly width: number;
  readonly height: number;
  readonly bytes: Uint8Array;
  readonly created_at: Date | string;
}

interface IdempotencyRow {
  readonly fingerprint: string;
  readonly response: IdempotencyRecord['response'];
  readonly created_at: Date | string;
}

/** Drivers hand `timestamptz` back as a `Date`; the store's records carry ISO 8601 strings. */
function isoString(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** Whether a dispute counts for `ordersWithLapsedDeadlines`: a party's answer is awaited, on a clock. */
function waiting(dispute: Dispute): boolean {
  return dispute.status === 'awaiting_seller' || dispute.status === 'awaiting_buyer';
}

/** Since when a dispute has been settling, for `ordersLeftSettling`; `null` when it is not. */
function settlingSince(dispute: Dispute): string | null {
  return dispute.status === 'settling' ? dispute.updatedAt : null;
}

/**
 * A `Store` on PostgreSQL or PGlite (the same SQL text on both). Every method is one statement,
 * so each is atomic on its own: a dispute update names the version it read
 * (`update ... where order_id = $1 and version = $2`), and an idempotency key is claimed with
 * `insert ... on conflict ... do update ... where` (only an abandoned claim is taken over), so
 * two processes sharing a database cannot overwrite each other. Call `migrate()` before first use; `close()` closes the client.
 */
export function createSqlStore(db: SqlClient): SqlStore {
  const first = async <T>(text: string, params: readonly unknown[]): Promise<T | null> => {
    const { rows } = await db.query<T>(text, params);
    return rows[0] ?? null;
  };

  return {
    migrate: () => migrate(db),

    async getOrder(orderId) {
      const row = await first<DocRow<OrderRecord>>('select doc from orders where order_id = $1', [orderId]);
      return row?.doc ?? null;
    },

    async putOrder(order) {
      await db.query(
        `insert into orders (order_id, doc) values ($1, $2)
         on conflict (order_id) do update set doc = excluded.doc`,
        [order.orderId, JSON.stringify(order)],
      );
    },

    async getTree(treeId, version) {
      const row = version === undefined
        ? await first<DocRow<DecisionTree>>('select doc from trees where id = $1 order by version desc limit 1', [treeId])
        : await first<DocRow<DecisionTree>>('select doc from trees where id = $1 and version = $2', [treeId, version]);
      return row?.doc ?? null;
    },

    async putTree(tree) {
      await db.query(
        `insert into trees (id, version, doc) values ($1, $2, $3)
         on conflict (id, version) do update set doc = excluded.doc`,
        [tree.id, tree.version, JSON.stringify(tree)],
      );
    },

    async getDispute(orderId): Promise<VersionedDispute | null> {
      const row = await first<DisputeRow>('select doc, version from disputes where order_id = $1', [orderId]);
      return row === null ? null : { dispute: row.doc, version: row.version };
    },

    async insertDispute(dispute) {
      const { rows } = await db.query(
        `insert into disputes (order_id, id, version, idle_at, waiting, settling_since, doc) values ($1, $2, 1, $3, $4, $5, $6)
         on conflict do nothing returning order_id`,
        [dispute.orderId, dispute.id, dispute.idle.at, waiting(dispute), settlingSince(dispute), JSON.stringify(dispute)],
      );
      return rows.length === 1;
    },

    async updateDispute(dispute, expectedVersion) {
      const { rows } = await db.query(
        `update disputes set version = version + 1, idle_at = $3, waiting = $4, settling_since = $5, doc = $6
         where order_id = $1 and version = $2 returning version`,
        [dispute.orderId, expectedVersion, dispute.idle.at, waiting(dispute), settlingSince(dispute), JSON.stringify(dispute)],
      );
      return rows.length === 1;
    },

    async ordersWithLapsedDeadlines(now) {
      const { rows } = await db.query<{ order_id: string }>(
        `select order_id from disputes where waiting and idle_at <= $1 order by idle_at, order_id`,
        [now],
      );
      return rows.map((row) => row.order_id);
    },

    async ordersLeftSettling(updatedBefore) {
      const { rows } = await db.query<{ order_id: string }>(
        'select order_id from disputes where settling_since <= $1 order by settling_since, order_id',
        [updatedBefore],
      );
      return rows.map((row) => row.order_id);
    },

    async putPhoto(photo) {
      await db.query(
        `insert into photos (id, order_id, content_type, status, size, width, height, bytes, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (id) do update set order_id = excluded.order_id, content_type = excluded.content_type,
           status = excluded.status, size = excluded.size, width = excluded.width, height = excluded.height,
           bytes = excluded.bytes, created_at = excluded.created_at`,
        [photo.id, photo.orderId, photo.contentType, photo.status, photo.size, photo.width, photo.height, photo.bytes, photo.createdAt],
      );
    },

    async getPhoto(photoId): Promise<PhotoRecord | null> {
      const row = await first<PhotoRow>(
        'select id, order_id, content_type, status, size, width, height, bytes, created_at from photos where id = $1',
        [photoId],
      );
      if (row === null) return null;
      return {
        id: row.id,
        orderId: row.order_id,
        contentType: row.content_type,
        status: row.status,
        size: row.size,
        width: row.width,
        height: row.height,
        // A plain copy: node-postgres answers with a Buffer, and callers may keep the bytes.
        bytes: Uint8Array.from(row.bytes),
        createdAt: isoString(row.created_at),
      };
    },

    async deletePendingPhotos(createdBefore) {
      const { rows } = await db.query(
        `delete from photos where status = 'pending' and created_at < $1::timestamptz returning id`,
        [createdBefore],
      );
      return rows.length;
    },

    async deleteIdempotencyRecords(createdBefore) {
      const { rows } = await db.query(`delete from idempotency where created_at < $1::timestamptz returning key`, [createdBefore]);
      return rows.length;
    },

    async claimIdempotencyKey(key, fingerprint, at, takeOverBefore) {
      // One statement: a free key is inserted; a taken one is re-dated only when its claim is
      // abandoned, and a racing claim then finds the new date and stays out.
      const { rows } = await db.query(
        `insert into idempotency (key, fingerprint, response, created_at) values ($1, $2, null, $3)
         on conflict (key) do update set created_at = excluded.created_at
           where idempotency.response is null and idempotency.fingerprint = excluded.fingerprint
             and idempotency.created_at <= $4::timestamptz
         returning key`,
        [key, fingerprint, at, takeOverBefore ?? null],
      );
      return rows.length === 1;
    },

    async getIdempotencyRecord(key): Promise<IdempotencyRecord | null> {
      const row = await first<IdempotencyRow>('select fingerprint, response, created_at from idempotency where key = $1', [key]);
      if (row === null) return null;
      return { fingerprint: row.fingerprint, response: row.response, createdAt: isoString(row.created_at) };
    },

    async completeIdempotencyKey(key, response) {
      const { rows } = await db.query(
        'update idempotency set response = $2 where key = $1 and response is null returning key',
        [key, JSON.stringify(response)],
      );
      return rows.length === 1;
    },

    async releaseIdempotencyKey(key) {
      await db.query('delete from idempotency where key = $1', [key]);
    },

    close: () => db.close(),
  };
}
