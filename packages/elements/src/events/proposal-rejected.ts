import type { Dispute } from '@amicable/protocol';

/** A party rejected the other's terms with a reason; the case goes to support. */
export class ProposalRejectedEvent extends Event {
  /** The event's name, for `addEventListener`. */
  static readonly type = 'amicable-proposal-rejected';
  /** What happened; see the fields' types. */
  readonly detail: Readonly<{ dispute: Dispute; by: 'buyer' | 'seller'; reason: string }>;

  constructor(detail: Readonly<{ dispute: Dispute; by: 'buyer' | 'seller'; reason: string }>) {
    super(ProposalRejectedEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'amicable-proposal-rejected': ProposalRejectedEvent;
  }
}
