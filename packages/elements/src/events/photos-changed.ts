import type { Photo } from '@amicable/protocol';

/** The uploaded photos changed: one finished uploading or was removed. `detail.photos` are those uploaded, in order. */
export class PhotosChangedEvent extends Event {
  /** The event's name, for `addEventListener`. */
  static readonly type = 'amicable-photos-changed';
  /** What happened; see the fields' types. */
  readonly detail: Readonly<{ photos: readonly Photo[] }>;

  constructor(detail: Readonly<{ photos: readonly Photo[] }>) {
    super(PhotosChangedEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'amicable-photos-changed': PhotosChangedEvent;
  }
}
