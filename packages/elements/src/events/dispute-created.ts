import type { Dispute } from '@amicable/protocol';

/** The buyer opened a dispute; `detail.dispute` is the dispute as the backend stored it. */
export class DisputeCreatedEvent extends Event {
  /** The event's name, for `addEventListener`. */
  static readonly type = 'amicable-dispute-created';
  /** What happened; see the fields' types. */
  readonly detail: Readonly<{ dispute: Dispute }>;

  constructor(detail: Readonly<{ dispute: Dispute }>) {
    super(DisputeCreatedEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'amicable-dispute-created': DisputeCreatedEvent;
  }
}
