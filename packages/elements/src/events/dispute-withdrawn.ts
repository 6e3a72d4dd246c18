import type { Dispute } from '@amicable/protocol';

/** The buyer withdrew the dispute. */
export class DisputeWithdrawnEvent extends Event {
  /** The event's name, for `addEventListener`. */
  static readonly type = 'amicable-dispute-withdrawn';
  /** What happened; see the fields' types. */
  readonly detail: Readonly<{ dispute: Dispute }>;

  constructor(detail: Readonly<{ dispute: Dispute }>) {
    super(DisputeWithdrawnEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'amicable-dispute-withdrawn': DisputeWithdrawnEvent;
  }
}
