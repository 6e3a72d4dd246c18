import type { DecisionTree, Dispute, Money, OrderSummary, Party, PhotoContentType, UploadPolicy } from '@amicable/protocol';

/** An order as the host knows it: what the context endpoint is built from. */
export interface OrderRecord {
  readonly orderId: string;
  readonly summary: OrderSummary;
  readonly price: Money;
  readonly buyer: Party;
  readonly seller: Party;
  /** The tree the order is mediated with; the context serves its latest version. */
  readonly treeId: string;
  readonly locale?: string;
  readonly uploads?: UploadPolicy;
}

/** A photo's bytes and what was read from them; `pending` until a pre-signed PUT delivers them. */
export interface PhotoRecord {
  readonly id: string;
  readonly orderId: string;
  readonly contentType: PhotoContentType;
  readonly status: 'pending' | 'stored';
  /** The exact size a pre-signed upload was bound to, or the stored size. */
  readonly size: number;
  readonly width: number;
  readonly height: number;
  readonly bytes: Uint8Array;
  readonly createdAt: string;
}

/** A response kept for an Idempotency-Key, replayed when the same request comes again. */
export interface IdempotencyRecord {
  readonly fingerprint: string;
  /** `null` while the first request with this key is still being handled. */
  readonly response: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string } | null;
  readonly createdAt: string;
}

/** A dispute and the version its next update must name (optimistic concurrency). */
export interface VersionedDispute {
  readonly dispute: Dispute;
  readonly version: number;
}

/**
 * Where the reference backend keeps its data. Two implementations: in memory (msw, tests) and SQL
 * (PGlite or PostgreSQL, the Node server). Every method is atomic on its own; updates name the
 * version they read, so two processes on one database cannot overwrite each other's change.
 */
export interface Store {
  getOrder(orderId: string): Promise<OrderRecord | null>;
  putOrder(order: OrderRecord): Promise<void>;
  /** The given version of a tree, or its latest when `version` is omitted. */
  getTree(treeId: string, version?: number): Promise<DecisionTree | null>;
  putTree(tree: DecisionTree): Promise<void>;
  getDispute(orderId: string): Promise<VersionedDispute | null>;
  /** Stores a new dispute at version 1; `false` when the order already has one. */
  insertDispute(dispute: Dispute): Promise<boolean>;
  /** Replaces the dispute if its version is still `expectedVersion`; `false` otherwise. */
  updateDispute(dispute: Dispute, expectedVersion: number): Promise<boolean>;
  /** Order ids of disputes whose `idle.at` is at or before `now` and that are still waiting for someone. */
  ordersWithLapsedDeadlines(now: string): Promise<string[]>;
  /**
   * Order ids of disputes still `settling` whose `updatedAt` is at or before `updatedBefore`: a
   * settlement that should have been recorded within its request long ago (its process died).
   */
  ordersLeftSettling(updatedBefore: string): Promise<string[]>;
  putPhoto(photo: PhotoRecord): Promise<void>;
  getPhoto(photoId: string): Promise<PhotoRecord | null>;
  /** Deletes the photos still `pending` that were created before `createdBefore`; returns how many. */
  deletePendingPhotos(createdBefore: string): Promise<number>;
  /** Deletes the Idempotency-Key records created before `createdBefore` (kept 24 h); returns how many. */
  deleteIdempotencyRecords(createdBefore: string): Promise<number>;
  /**
   * Claims `key` for a request made at `at`; `false` (and nothing written) when the key is already
   * taken. With `takeOverBefore`, a claim that still has no response, has the same fingerprint and
   * was made at or before that time counts as abandoned: it is taken over (dated `at`) as if the
   * key were free. Of several claims racing for one key, at most one wins.
   */
  claimIdempotencyKey(key: string, fingerprint: string, at: string, takeOverBefore?: string): Promise<boolean>;
  getIdempotencyRecord(key: string): Promise<IdempotencyRecord | null>;
  /**
   * Records the response of a claimed key that has none yet; `false` (and nothing written) when
   * the key already has one, or is gone. So the first response stored for a key is the one kept.
   */
  completeIdempotencyKey(key: string, response: NonNullable<IdempotencyRecord['response']>): Promise<boolean>;
  /** Frees a claimed key whose request failed on the backend's side, so that a retry runs again. */
  releaseIdempotencyKey(key: string): Promise<void>;
  close(): Promise<void>;
}
