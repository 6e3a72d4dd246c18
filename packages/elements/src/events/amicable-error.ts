/** Something failed that the person sees an error for: loading, sending, uploading. `code` is the client error's code (a problem type or `network`, `timeout`, ...), `message` what was shown. */
export class AmicableErrorEvent extends Event {
  /** The event's name, for `addEventListener`. */
  static readonly type = 'amicable-error';
  /** What happened; see the fields' types. */
  readonly detail: Readonly<{ code: string; message: string; error: unknown }>;

  constructor(detail: Readonly<{ code: string; message: string; error: unknown }>) {
    super(AmicableErrorEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'amicable-error': AmicableErrorEvent;
  }
}
