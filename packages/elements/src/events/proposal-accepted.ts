import type { Dispute, Resolution } from '@amicable/protocol';

/** A party accepted the other's terms: the seller one of the buyer's proposals, or the buyer the seller's counter-offer. The payout follows. */
export class ProposalAcceptedEvent extends Event {
  /** The event's name, for `addEventListener`. */
  static readonly type = 'amicable-proposal-accepted';
  /** What happened; see the fields' types. */
  readonly detail: Readonly<{ dispute: Dispute; by: 'buyer' | 'seller'; resolution: Resolution }>;

  constructor(detail: Readonly<{ dispute: Dispute; by: 'buyer' | 'seller'; resolution: Resolution }>) {
    super(ProposalAcceptedEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'amicable-proposal-accepted': ProposalAcceptedEvent;
  }
}
