import { currentOutcome, intakeSelectors, type IntakeActor } from '@amicable/machine';
import { DEFAULT_UPLOAD_POLICY, Photo, type UploadPolicy } from '@amicable/protocol';
import { consume } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { AmicableElement } from '../base/amicable-element.js';
import { intakeActorContext } from '../context/contexts.js';
import { OrderContextController } from '../controllers/order-context-controller.js';
import { PhotosBusyEvent } from '../events/photos-busy.js';
import { PhotosChangedEvent } from '../events/photos-changed.js';
import type { StringKey } from '../localization/catalog.js';
import { controlStyles } from '../styles/controls.styles.js';
import { themeStyles } from '../styles/theme.styles.js';
import { renderItem, type ItemActions, type PhotoItem } from './photo-item.js';
import { photoUploaderStyles } from './photo-uploader.styles.js';
import { DEFAULT_PHOTO_OPTIONS, type PhotoOutputType } from '../photo-pipeline/photo-options.js';
import { acceptedFormats, DEFAULT_ACCEPT, formatName, parseAccept, prepareFile, type FileRefusal, type FileRules } from './prepare-file.js';

let keys = 0;

const positive = (value: number, fallback: number): number => (Number.isFinite(value) && value > 0 ? value : fallback);

/**
 * @summary Photos as evidence: chosen, dropped, pasted or taken with the camera, checked, made
 * small and private, uploaded with progress, and shown as thumbnails that can be removed. A form
 * field of its own, or the evidence step of `<dispute-opener>`.
 *
 * Each file is known by its first bytes (JPEG, PNG, WebP, GIF, HEIC where the browser decodes
 * it), refused before decoding when its header announces more than `max-megapixels`, then turned
 * upright, brought down to `max-edge` and re-encoded (`output-type`, `quality`) in a worker, one
 * file at a time: what goes up carries no EXIF, GPS or other metadata. `max-bytes` applies to that
 * result. A file that is refused is named with the reason; one that fails can be retried; neither
 * affects the others.
 *
 * With `order-id` and a client (`client`, a provided one, or `api-base` with `getToken`) each photo
 * is uploaded at once and the form gets the uploaded photos' ids under `name`, one entry each.
 * Without a client the chosen files themselves go with the form, as with `<input type="file">`.
 * Inside `<dispute-opener>` it takes its limits from the outcome the buyer reached and attaches each
 * uploaded photo to the intake. Changing `order-id`, or the opener's intake, drops the photos of the
 * previous one, and an upload for it that ends later.
 *
 * @event amicable-photos-changed - A photo finished uploading or an uploaded one was removed; `detail.photos` are the uploaded photos.
 * @event amicable-photos-busy - Photos began or stopped being prepared or uploaded; `detail.busy` is whether any still is.
 * @event amicable-error - Preparing or uploading a photo failed; `detail.message` is what the person sees on the photo.
 * @event change - The field's value changed by the person's doing (a photo added, uploaded or removed).
 *
 * @csspart base - The wrapper of everything.
 * @csspart dropzone - The area photos can be dropped on, with the hint and the buttons.
 * @csspart add-button - Opens the file picker.
 * @csspart camera-button - Takes a photo with the camera; shown on touch devices only.
 * @csspart list - The list of photos.
 * @csspart item - One photo in the list.
 * @csspart thumbnail - A photo's preview image.
 * @csspart remove-button - Removes a photo, cancelling its preparation or upload.
 * @csspart progress - A photo being prepared (indeterminate) or uploaded (the share sent).
 * @csspart error - Why a photo could not be prepared or uploaded.
 * @csspart retry-button - Prepares or uploads a failed photo again.
 * @csspart message - Why chosen files were not added, or that no more can be.
 * @csspart error-message - The host's `error-message`, which describes the add button.
 *
 * @cssproperty --amicable-photo-uploader-thumb-size - Width and height of a thumbnail (4.5rem).
 * @cssproperty --amicable-photo-uploader-dropzone-background - Background of the drop zone (the raised surface colour).
 * @cssproperty --amicable-photo-uploader-dropzone-border - Border of the drop zone (2px dashed, the border colour).
 */
export class PhotoUploader extends AmicableElement {
  /** Takes part in forms like a native field. */
  static formAssociated = true;
  static override styles = [themeStyles, controlStyles, photoUploaderStyles];

  /** The form field's name: the photos' ids, or the files, are submitted under it. */
  @property({ reflect: true }) name = '';

  /** At least one photo is needed (the form does not submit without). */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Nothing can be added, removed or retried; a disabled `<fieldset>` has the same effect. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The fewest photos the field accepts; inside `<dispute-opener>` the outcome's minimum applies instead. */
  @property({ type: Number, attribute: 'min-files' }) minFiles = 0;

  /** The most photos that can be added; inside `<dispute-opener>` the outcome's maximum applies instead. */
  @property({ type: Number, attribute: 'max-files' }) maxFiles = 10;

  /** The largest photo accepted, in bytes, after processing (10 MiB by default). */
  @property({ type: Number, attribute: 'max-bytes' }) maxBytes = DEFAULT_UPLOAD_POLICY.maxBytes;

  /**
   * The kinds of picture that may be chosen, as in `<input accept>`: JPEG, PNG, WebP, GIF and
   * HEIC/HEIF by default. A file is judged by its bytes, not its name; what goes up is encoded as
   * `output-type` (or a type the backend's upload policy takes).
   */
  @property() accept = DEFAULT_ACCEPT;

  /** The longest edge of an uploaded photo, in pixels (2048); smaller photos keep their size. */
  @property({ type: Number, attribute: 'max-edge' }) maxEdge = DEFAULT_PHOTO_OPTIONS.maxEdge;

  /** The encoder's quality, from 0 to 1 (0.85). */
  @property({ type: Number }) quality = DEFAULT_PHOTO_OPTIONS.quality;

  /** What photos are encoded as: `image/jpeg` (the default, fastest) or `image/webp` (smaller, slower to encode). */
  @property({ attribute: 'output-type' }) outputType: PhotoOutputType = DEFAULT_PHOTO_OPTIONS.outputType;

  /** The most megapixels a chosen picture may have (100), read from its header before it is decoded. */
  @property({ type: Number, attribute: 'max-megapixels' }) maxMegapixels = DEFAULT_PHOTO_OPTIONS.maxPixels / 1_000_000;

  /** The largest file opened at all, in bytes, before processing (100 MB). */
  @property({ type: Number, attribute: 'max-input-bytes' }) maxInputBytes = DEFAULT_PHOTO_OPTIONS.maxInputBytes;

  /**
   * The backend's upload policy (the order context's `uploads`): how photos go up (`via`), a size
   * that narrows `max-bytes`, and the types photos may be encoded as (`output-type` if it is among
   * them, else JPEG, WebP or PNG). Without it, an uploader on its own reads it from the order's
   * context; `<dispute-opener>` passes its own.
   */
  @property({ attribute: false }) uploads?: UploadPolicy;

  /**
   * A message of the host's about the photos, such as `<dispute-opener>`'s "add at least one photo"
   * when the buyer tries to go on: shown under the drop zone (part `error-message`), and the add
   * button is then marked invalid (`aria-invalid`) and described by it. Empty shows none.
   */
  @property({ attribute: 'error-message' }) errorMessage = '';

  /** The intake of the `<dispute-opener>` this uploader is nested in. */
  @consume({ context: intakeActorContext, subscribe: true })
  @state()
  protected intakeActor?: IntakeActor;

  @state() private refusals: string[] = [];
  @state() private announcements: ReadonlyArray<{ readonly key: number; readonly text: string }> = [];
  @state() private dragging = false;
  @state() private formDisabled = false;

  // Named by a <label for> like any field, and announced as one group.
  readonly #internals = Object.assign(this.attachInternals(), { role: 'group' });
  #items: PhotoItem[] = [];
  #wasBusy = false;
  #subscription: { unsubscribe(): void } | undefined;
  // Only for the upload policy, and only when nobody gives one; a failed load leaves the defaults.
  readonly #context = new OrderContextController(this, { onLoaded: () => {}, onFailed: () => {} });

  constructor() {
    super();
    this.addEventListener('paste', (event) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0 || this.#off) return;
      event.preventDefault();
      this.#add(files);
    });
  }

  /**
   * The uploaded photos, in order. Set it to show photos uploaded earlier (a restored draft); setting
   * it replaces the list, cancels uploads in flight and fires no event.
   */
  get photos(): Photo[] {
    return this.#items.flatMap((item) => (item.photo === undefined ? [] : [item.photo]));
  }

  set photos(photos: readonly Photo[]) {
    this.#discard(this.#items);
    this.#items = photos.map((photo) => ({ key: `photo-${++keys}`, status: 'done', photo }));
    this.#changedItems();
  }

  /** Whether photos are still being prepared or uploaded: the form waits for them. */
  get busy(): boolean {
    return this.#items.some((item) => item.status === 'preparing' || item.status === 'uploading');
  }

  /** The form this field belongs to. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  /** The field's validity, as for native fields. */
  get validity(): ValidityState {
    return this.#internals.validity;
  }

  /** Why the field is invalid, in the person's language; empty when valid. */
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  /** Whether the form validates this field (not when disabled). */
  get willValidate(): boolean {
    return this.#internals.willValidate;
  }

  /** The `<label>`s of this field. */
  get labels(): NodeList {
    return this.#internals.labels;
  }

  /** Whether the field is valid; fires `invalid` when it is not. */
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  /** Like `checkValidity`, and shows the message at the add button when invalid. */
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /** A disabled `<fieldset>` around it disables it too. */
  protected formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /** `form.reset()` empties it, cancelling uploads in flight and detaching photos from the intake. */
  protected formResetCallback(): void {
    for (const item of this.#items) if (item.photo !== undefined) this.intakeActor?.send({ type: 'DETACH_PHOTO', id: item.photo.id });
    this.#discard(this.#items);
    this.refusals = [];
    this.announcements = [];
    this.#changedItems();
  }

  /**
   * The browser gives back the field's state when the person returns to the page (back button,
   * restored tab): the photos uploaded before come back. Inside the opener its draft does that.
   */
  protected formStateRestoreCallback(state: unknown): void {
    if (typeof state !== 'string' || this.intakeActor !== undefined) return;
    try {
      const restored: unknown = JSON.parse(state);
      if (Array.isArray(restored)) this.photos = restored.filter((photo): photo is Photo => Photo.safeParse(photo).success);
    } catch {
      // A state this version did not write is no photos.
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watch();
    // Thumbnails revoked on disconnect come back when the element does.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    for (const item of this.#items) this.#revoke(item);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const intakeChanged = (changed as PropertyValues).has('intakeActor');
    if (intakeChanged) this.#watch();
    if (intakeChanged || changed.has('orderId')) this.#dropStale();
    if (this.uploads === undefined && this.intakeActor === undefined) this.#context.load(this.orderId, this.activeClient);
  }

  protected override updated(): void {
    this.#sync();
  }

  protected override render() {
    const l = this.l10n.value;
    const off = this.#off;
    const full = this.#free() <= 0;
    const accept = parseAccept(this.accept).join(',');
    const items = this.#items;
    const error = this.errorMessage !== '';
    const actions: ItemActions = { disabled: off, remove: (item) => void this.#remove(item), retry: (item) => void this.#retry(item) };
    return html`<div part="base" class="stack" dir=${l.dir} lang=${l.locale}>
      <div
        part="dropzone"
        class="dropzone stack ${this.dragging ? 'over' : ''}"
        @dragenter=${this.#onDrag}
        @dragover=${this.#onDrag}
        @dragleave=${this.#onDrag}
        @drop=${this.#onDrag}
      >
        <p id="hint" class="hint">
          ${l.t('uploader.drop')} ${l.t('uploader.limits', { count: this.#limits()[1], size: l.bytes(this.#maxBytes()) })}
        </p>
        <div class="row">
          <button
            id="add"
            part="add-button"
            class="primary"
            type="button"
            aria-describedby=${error ? 'error-message hint message' : 'hint message'}
            aria-invalid=${error ? 'true' : nothing}
            aria-disabled=${full ? 'true' : nothing}
            ?disabled=${off}
            @click=${this.#open}
          >
            ${l.t('uploader.add')}
          </button>
          <button id="camera" part="camera-button" type="button" aria-disabled=${full ? 'true' : nothing} ?disabled=${off} @click=${this.#open}>
            ${l.t('uploader.camera')}
          </button>
        </div>
        <input id="add-input" type="file" accept=${accept} multiple hidden @change=${this.#onPick} />
        <input id="camera-input" type="file" accept=${accept} capture="environment" hidden @change=${this.#onPick} />
      </div>
      <p id="error-message" part="error-message" class="field-error" ?hidden=${!error}>${this.errorMessage}</p>
      <p id="message" part="message" class="field-error" ?hidden=${this.refusals.length === 0}>
        ${this.refusals.map((refusal) => html`<span>${refusal}</span>`)}
      </p>
      <ul part="list" aria-label=${l.t('uploader.list')} ?hidden=${items.length === 0}>
        ${repeat(items, (item) => item.key, (item) => {
          // One object URL per item, made only while connected: removal and disconnection revoke it,
          // and nothing would revoke one made for a render after the element left the page.
          if (item.file !== undefined && this.isConnected) item.url ??= URL.createObjectURL(item.file);
          return renderItem(item, this.#nameOf(item), l, actions);
        })}
      </ul>
      <div class="visually-hidden" role="log">${repeat(this.announcements, (a) => a.key, (a) => html`<p>${a.text}</p>`)}</div>
    </div>`;
  }

  get #off(): boolean {
    return this.disabled || this.formDisabled;
  }

  /** The fewest and the most photos: the outcome's inside the opener, else the attributes'. */
  #limits(): [number, number] {
    const actor = this.intakeActor;
    const photos = actor === undefined ? undefined : (currentOutcome(actor.getSnapshot().context)?.node.photos ?? { min: 0, max: 0 });
    const [min, max] = photos === undefined ? [this.minFiles, this.maxFiles] : [photos.min, photos.max];
    return [Math.max(min, this.required ? 1 : 0), max];
  }

  /** How many more files may be added now, counting those still uploading or being prepared. */
  #free(): number {
    const snapshot = this.intakeActor?.getSnapshot();
    const uploaded = this.photos.length;
    const room = snapshot === undefined ? this.#limits()[1] - uploaded : intakeSelectors.remainingPhotoSlots(snapshot);
    return room - (this.#items.length - uploaded);
  }

  get #policy(): UploadPolicy | undefined {
    const state = this.#context.state;
    return this.uploads ?? (state.status === 'ready' ? state.context.uploads : undefined);
  }

  #maxBytes(): number {
    return Math.min(this.maxBytes, this.#policy?.maxBytes ?? Infinity);
  }

  /** How files are checked and processed now. */
  #rules(): FileRules {
    return {
      accept: parseAccept(this.accept),
      maxBytes: this.#maxBytes(),
      uploadTypes: this.#policy?.contentTypes ?? DEFAULT_UPLOAD_POLICY.contentTypes,
      // A value that is no number, or out of range, falls back to the default rather than refusing every file.
      options: {
        maxEdge: positive(this.maxEdge, DEFAULT_PHOTO_OPTIONS.maxEdge),
        quality: this.quality >= 0 && this.quality <= 1 ? this.quality : DEFAULT_PHOTO_OPTIONS.quality,
        outputType: this.outputType,
        maxPixels: positive(this.maxMegapixels, DEFAULT_PHOTO_OPTIONS.maxPixels / 1_000_000) * 1_000_000,
        maxInputBytes: positive(this.maxInputBytes, DEFAULT_PHOTO_OPTIONS.maxInputBytes),
      },
    };
  }

  #nameOf(item: PhotoItem): string {
    const id = item.photo?.id;
    return item.name ?? this.intakeActor?.getSnapshot().context.photos.find((photo) => photo.id === id)?.name ?? id ?? '';
  }

  #open(event: Event): void {
    // At the limit the buttons stay focusable (aria-disabled) and say why they do nothing.
    if (this.#free() <= 0) {
      const full = this.l10n.value.t('uploader.announce.full', { count: this.#limits()[1] });
      this.refusals = [full];
      this.#announce(full);
      return;
    }
    this.renderRoot.querySelector<HTMLInputElement>(`#${(event.currentTarget as HTMLElement).id}-input`)?.click();
  }

  #onPick(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    // Cleared, so that choosing the same file again after removing it is a change.
    input.value = '';
    this.#add(files);
  }

  #onDrag(event: DragEvent): void {
    if (this.#off) return;
    event.preventDefault();
    const zone = event.currentTarget as HTMLElement;
    // Moving over the zone's own children is not leaving it.
    if (event.type === 'dragleave' && zone.contains(event.relatedTarget as Node | null)) return;
    this.dragging = event.type === 'dragenter' || event.type === 'dragover';
    if (event.type === 'drop') this.#add([...(event.dataTransfer?.files ?? [])]);
  }

  /**
   * Takes chosen files: refuses those over the count at once, lists the others and prepares them,
   * one at a time; each is uploaded as soon as it is ready when there is a client.
   */
  #add(files: readonly File[]): void {
    if (files.length === 0) return;
    const l = this.l10n.value;
    const max = this.#limits()[1];
    const taken = files.slice(0, Math.max(0, this.#free()));
    this.refusals = files.slice(taken.length).map((file) => l.t('uploader.refused.count', { name: file.name, count: max }));
    for (const refusal of this.refusals) this.#announce(refusal);
    // Tied to the order and intake they were chosen for, so that a change drops them (#dropStale).
    const target = this.orderId === '' || this.activeClient === undefined ? {} : { orderId: this.orderId, intakeActor: this.intakeActor };
    for (const file of taken) {
      const item: PhotoItem = { key: `photo-${++keys}`, name: file.name, original: file, status: 'preparing', ...target };
      this.#items = [...this.#items, item];
      void this.#prepare(item);
    }
    if (taken.length > 0 && this.#free() <= 0) this.#announce(l.t('uploader.announce.full', { count: max }));
    this.#changedItems();
  }

  /** Makes the chosen file ready to upload; a refused one leaves the list with its reason said. */
  async #prepare(item: PhotoItem): Promise<void> {
    if (item.original === undefined) return;
    const abort = new AbortController();
    Object.assign(item, { status: 'preparing', abort, progress: undefined, error: undefined });
    this.#changedItems();
    try {
      const prepared = await prepareFile(item.original, this.#rules(), abort.signal);
      if (abort.signal.aborted) return;
      item.abort = undefined;
      if ('refusal' in prepared) {
        this.#discard([item]);
        const refusal = this.#refusal(item.original, prepared);
        this.refusals = [...this.refusals, refusal];
        this.#announce(refusal);
        return;
      }
      Object.assign(item, { status: 'local', file: prepared.file });
      if (item.orderId !== undefined) void this.#upload(item);
      else this.#changed(false);
    } catch (error) {
      // A removed or dropped item's preparation was cancelled on purpose.
      if (abort.signal.aborted) return;
      Object.assign(item, { status: 'failed', abort: undefined, error: this.l10n.value.t('uploader.prepare-failed', { reason: this.reportError(error) }) });
      this.#announce('uploader.announce.prepare-failed', item);
    } finally {
      this.#changedItems();
    }
  }

  /** Why `file` was refused, in the person's words. */
  #refusal(file: File, { refusal, size = 0, pixels = 0 }: FileRefusal): string {
    const l = this.l10n.value;
    // One decimal, so that 100.4 megapixels is not told as the 100 allowed.
    const number = (value: number) => new Intl.NumberFormat(l.locale, { maximumFractionDigits: 1 }).format(value);
    const types = new Intl.ListFormat(l.locale, { type: 'disjunction' }).format(acceptedFormats(parseAccept(this.accept)).map(formatName));
    const { maxPixels, maxInputBytes } = this.#rules().options;
    const max = refusal === 'pixels' ? number(maxPixels / 1_000_000) : l.bytes(refusal === 'input-size' ? maxInputBytes : this.#maxBytes());
    return l.t(`uploader.refused.${refusal}`, { name: file.name, types, size: l.bytes(size), max, megapixels: number(pixels / 1_000_000) });
  }

  async #upload(item: PhotoItem): Promise<void> {
    const client = this.activeClient;
    if (client === undefined || item.file === undefined) return;
    const abort = new AbortController();
    const { orderId, intakeActor } = this;
    Object.assign(item, { status: 'uploading', abort, orderId, intakeActor, progress: undefined, error: undefined });
    this.#changedItems();
    try {
      const photo = await client.uploadPhoto(orderId, item.file, {
        via: this.#policy?.via,
        signal: abort.signal,
        onProgress: (loaded, total) => {
          item.progress = total > 0 ? loaded / total : 0;
          this.requestUpdate();
        },
      });
      // The order or the intake may have changed while it went up: then it is dropped, not attached to another.
      this.#dropStale();
      if (abort.signal.aborted) return;
      Object.assign(item, { status: 'done', photo });
      intakeActor?.send({ type: 'ATTACH_PHOTO', photo: { id: photo.id, name: this.#nameOf(item) } });
      this.#announce('uploader.announce.uploaded', item);
      this.#changed(true);
    } catch (error) {
      // A removed or dropped item's upload was cancelled on purpose.
      this.#dropStale();
      if (abort.signal.aborted) return;
      Object.assign(item, { status: 'failed', error: this.l10n.value.t('uploader.failed', { reason: this.reportError(error) }) });
      this.#announce('uploader.announce.failed', item);
    } finally {
      item.abort = undefined;
      this.#changedItems();
    }
  }

  /** Prepares or uploads a failed photo again; focus goes to its remove button, as the retry button goes away. */
  async #retry(item: PhotoItem): Promise<void> {
    void (item.file === undefined ? this.#prepare(item) : this.#upload(item));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${item.key}-remove`)?.focus();
  }

  async #remove(item: PhotoItem): Promise<void> {
    const index = this.#items.indexOf(item);
    if (index < 0) return;
    this.#discard([item]);
    if (item.photo !== undefined) this.intakeActor?.send({ type: 'DETACH_PHOTO', id: item.photo.id });
    this.refusals = [];
    this.#announce('uploader.announce.removed', item);
    if (item.status === 'done' || item.status === 'local') this.#changed(item.status === 'done');
    this.#changedItems();
    await this.updateComplete;
    // Focus stays in the list: the next photo's remove button, else the add button.
    const next = this.renderRoot.querySelectorAll<HTMLElement>('[part~="remove-button"]')[index];
    (next ?? this.renderRoot.querySelector<HTMLElement>('#add'))?.focus();
  }

  /** Takes `items` out of the list, cancelling their uploads and releasing their previews. */
  #discard(items: readonly PhotoItem[]): void {
    for (const item of items) {
      item.abort?.abort();
      this.#revoke(item);
    }
    this.#items = this.#items.filter((item) => !items.includes(item));
  }

  /**
   * Drops the photos uploaded, or uploading, for another order or intake than the one shown now,
   * cancelling their uploads: they are no evidence for this one. Fires no event: the host changed it.
   */
  #dropStale(): void {
    const stale = this.#items.filter((item) => item.orderId !== undefined && (item.orderId !== this.orderId || item.intakeActor !== this.intakeActor));
    if (stale.length === 0) return;
    this.#discard(stale);
    this.#changedItems();
  }

  #revoke(item: PhotoItem): void {
    if (item.url !== undefined) URL.revokeObjectURL(item.url);
    item.url = undefined;
  }

  /** Adds a line to the live log; each new line is read out once, even when the same words come again. */
  #announce(text: StringKey | string, item?: PhotoItem): void {
    const message = item === undefined ? text : this.l10n.value.t(text as StringKey, { name: this.#nameOf(item) });
    this.announcements = [...this.announcements.slice(-4), { key: ++keys, text: message }];
  }

  /** The person changed the value: tells the host. */
  #changed(photos: boolean): void {
    if (photos) this.dispatchEvent(new PhotosChangedEvent({ photos: this.photos }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** The list changed: the form's value and validity follow at once, the rendering soon. */
  #changedItems(): void {
    this.#sync();
    this.requestUpdate();
    if (this.busy !== this.#wasBusy) {
      this.#wasBusy = this.busy;
      this.dispatchEvent(new PhotosBusyEvent({ busy: this.busy }));
    }
  }

  #watch(): void {
    this.#subscription?.unsubscribe();
    // The opener owns its intake; the uploader only listens to it, for its limits.
    this.#subscription = this.isConnected ? this.intakeActor?.subscribe(() => this.requestUpdate()) : undefined;
  }

  /** Gives the form the value and the validity of the current list. */
  #sync(): void {
    const data = new FormData();
    for (const item of this.#items) {
      if (item.photo !== undefined) data.append(this.name, item.photo.id);
      else if (item.status === 'local' && item.file !== undefined) data.append(this.name, item.file);
    }
    // The state is what the browser keeps for a return to the page: the photos uploaded, described.
    this.#internals.setFormValue(this.name === '' ? null : data, JSON.stringify(this.photos));
    const l = this.l10n.value;
    const [min, max] = this.#limits();
    const count = this.#items.filter((item) => item.status === 'done' || item.status === 'local').length;
    const has = (status: PhotoItem['status']) => this.#items.some((item) => item.status === status);
    const [flags, message]: [ValidityStateFlags, string] = has('uploading') || has('preparing')
      ? [{ customError: true }, l.t('uploader.invalid.busy')]
      : has('failed')
        ? [{ customError: true }, l.t('uploader.invalid.failed')]
        : count < min
          ? [{ valueMissing: true }, l.t('uploader.invalid.missing', { count: min })]
          : count > max
            ? [{ rangeOverflow: true }, l.t('uploader.invalid.over', { count: max })]
            : [{}, ''];
    this.#internals.setValidity(flags, message, this.renderRoot?.querySelector<HTMLElement>('#add') ?? undefined);
  }
}
