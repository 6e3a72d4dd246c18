import type { Money } from '@amicable/protocol';
import type { EventHub } from './event-hub.js';
import type { OrderQueue } from './order-queue.js';
import type { Signer } from './signer.js';
import type { Store } from './store.js';

/** The split a settlement pays: the refund to the buyer and the payout to the seller. */
export interface PayoutSplit {
  readonly orderId: string;
  readonly refund: Money;
  readonly payout: Money;
}

/** What the host's payment system answered; a failure's `reason` is recorded on the dispute. */
export type PayoutResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The host's payment system, as the backend sees it. */
export interface PaymentsPort {
  payOut(split: PayoutSplit): Promise<PayoutResult>;
}

/** Everything the request handlers share. */
export interface BackendContext {
  readonly store: Store;
  readonly signer: Signer;
  readonly clock: () => Date;
  readonly payments: PaymentsPort;
  readonly hub: EventHub;
  readonly queue: OrderQueue;
  /** The base URL without a trailing slash. */
  readonly baseUrl: string;
  readonly newId: (kind: 'dispute' | 'photo') => string;
}

/** The backend's time now, as an ISO 8601 string. */
export function nowIso(context: BackendContext): string {
  return context.clock().toISOString();
}
