import type { Dispute } from '@amicable/protocol';

/** The case went to the host's support: rejected, asked for, or nobody acted in time. Fired once per element when it sees the escalation. */
export class DisputeEscalatedEvent extends Event {
  /** The event's name, for `addEventListener`. */
  static readonly type = 'amicable-dispute-escalated';
  /** What happened; see the fields' types. */
  readonly detail: Readonly<{ dispute: Dispute }>;

  constructor(detail: Readonly<{ dispute: Dispute }>) {
    super(DisputeEscalatedEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'amicable-dispute-escalated': DisputeEscalatedEvent;
  }
}
