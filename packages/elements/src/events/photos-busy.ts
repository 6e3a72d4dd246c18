/**
 * The uploader began or stopped preparing or uploading photos. `detail.busy` is whether any photo is
 * still on its way; its form waits while it is.
 */
export class PhotosBusyEvent extends Event {
  /** The event's name, for `addEventListener`. */
  static readonly type = 'amicable-photos-busy';
  /** What happened; see the fields' types. */
  readonly detail: Readonly<{ busy: boolean }>;

  constructor(detail: Readonly<{ busy: boolean }>) {
    super(PhotosBusyEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'amicable-photos-busy': PhotosBusyEvent;
  }
}
