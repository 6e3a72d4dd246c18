import type { Dispute, Resolution } from '@amicable/protocol';

/** The seller made their one counter-offer; the buyer answers it next. */
export class ProposalCounteredEvent extends Event {
  /** The event's name, for `addEventListener`. */
  static readonly type = 'amicable-proposal-countered';
  /** What happened; see the fields' types. */
  readonly detail: Readonly<{ dispute: Dispute; resolution: Resolution }>;

  constructor(detail: Readonly<{ dispute: Dispute; resolution: Resolution }>) {
    super(ProposalCounteredEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'amicable-proposal-countered': ProposalCounteredEvent;
  }
}
