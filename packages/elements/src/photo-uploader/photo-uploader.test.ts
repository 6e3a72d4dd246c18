import { DEFAULT_RETRY_POLICY } from '@amicable/client';
import { intakeMachine, type IntakeActor } from '@amicable/machine';
import type { DecisionTree, Photo } from '@amicable/protocol';
import { droppedConnection, serverError } from '@amicable/reference-backend/msw';
import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../test-support/wait.test-support.js';
import { sendKeys } from '@web/test-runner-commands';
import { http } from 'msw';
import { createActor, fromPromise } from 'xstate';
import { intakeActorContext } from '../context/contexts.js';
import { en } from '../localization/catalog.js';
import { API_BASE, EUR_ORDER, JPY_ORDER, serveReferenceBackend, startWorker, worker, type TestBackend } from '../test-support/reference-backend.test-support.js';
import { animatedGif, asFile } from '../photo-pipeline/photo-fixtures.test-support.js';
import { choose } from './choose-files.test-support.js';
import type { PhotoUploader } from './photo-uploader.component.js';
import './photo-uploader.define.js';

/** A real JPEG, drawn in the browser; `noise` makes it larger. */
async function jpeg(name: string, { side = 48, noise = false } = {}): Promise<File> {
  const canvas = new OffscreenCanvas(side, side);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c0392b';
  context.fillRect(0, 0, side, side);
  if (noise) {
    const image = context.getImageData(0, 0, side, side);
    crypto.getRandomValues(image.data.subarray(0, 65_536));
    context.putImageData(image, 0, 0);
  }
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  return new File([blob], name, { type: 'image/jpeg' });
}

function transfer(files: readonly File[]): DataTransfer {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  return data;
}

const partsOf = (el: PhotoUploader, part: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${part}"]`)];
const partOf = (el: PhotoUploader, part: string) => partsOf(el, part)[0];
const addButton = (el: PhotoUploader) => partOf(el, 'add-button') as HTMLButtonElement;
const names = (el: PhotoUploader) => partsOf(el, 'item').map((item) => item.querySelector('.name')!.textContent);
/** What the live log read out last, and before. */
const announced = (el: PhotoUploader) => [...el.shadowRoot!.querySelectorAll('[role="log"] p')].map((line) => line.textContent).reverse();
const focused = (el: PhotoUploader) => el.shadowRoot!.activeElement;

/** Holds every photo upload until `release()`; `answered` turns true once the held ones went on to the backend. */
function holdUploads(): { release(): void; readonly answered: boolean } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const state = { answered: false, release };
  worker.use(
    http.post(`${API_BASE}/orders/:orderId/photos`, async () => {
      await gate;
      state.answered = true;
      // Falls through to the reference backend.
      return undefined;
    }),
  );
  return state;
}

/** Records the events `type` the element fires. */
function record<K extends keyof GlobalEventHandlersEventMap>(el: EventTarget, type: K): GlobalEventHandlersEventMap[K][] {
  const seen: GlobalEventHandlersEventMap[K][] = [];
  el.addEventListener(type, (event) => seen.push(event as GlobalEventHandlersEventMap[K]));
  return seen;
}

describe('<photo-uploader>', () => {
  let backend: TestBackend;

  before(startWorker);
  beforeEach(async () => {
    backend = await serveReferenceBackend();
  });

  async function uploaderFor(max = 10): Promise<PhotoUploader> {
    return fixture<PhotoUploader>(
      html`<photo-uploader name="photos" order-id=${EUR_ORDER} max-files=${max} .client=${backend.client('buyer')}></photo-uploader>`,
    );
  }

  describe('in a plain form', () => {
    it('submits the uploaded photos’ ids under its name, one entry each, and is required until one is uploaded', async () => {
      const form = await fixture<HTMLFormElement>(html`<form>
        <photo-uploader name="photos" required order-id=${EUR_ORDER} .client=${backend.client('buyer')}></photo-uploader>
      </form>`);
      const el = form.querySelector('photo-uploader')!;
      expect(el.form).to.equal(form);
      expect(form.checkValidity()).to.equal(false);
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal('Add at least one photo.');
      expect([...new FormData(form).keys()]).to.deep.equal([]);

      choose(el, [await jpeg('front.jpg'), await jpeg('back.jpg')]);
      await waitUntil(() => el.photos.length === 2, 'both photos upload');
      const ids = el.photos.map((photo) => photo.id);
      expect(new Set(ids).size).to.equal(2);
      expect(new FormData(form).getAll('photos')).to.deep.equal(ids);
      expect(names(el)).to.deep.equal(['front.jpg', 'back.jpg']);
      expect(form.checkValidity()).to.equal(true);
      expect(el.validationMessage).to.equal('');
    });

    it('brings back the uploaded photos from the state the browser keeps for a return to the page', async () => {
      const first = await uploaderFor();
      choose(first, [await jpeg('front.jpg')]);
      await waitUntil(() => first.photos.length === 1, 'the photo uploads');
      const form = await fixture<HTMLFormElement>(html`<form>
        <photo-uploader name="photos" order-id=${EUR_ORDER} .client=${backend.client('buyer')}></photo-uploader>
      </form>`);
      const again = form.querySelector('photo-uploader')!;
      const changed: unknown[] = [];
      again.addEventListener('amicable-photos-changed', (event) => changed.push(event));
      // What the browser calls with the state the field gave with its value.
      const restore = (state: unknown) => (again as unknown as { formStateRestoreCallback(state: unknown, mode: string): void }).formStateRestoreCallback(state, 'restore');
      restore(JSON.stringify([...first.photos, { id: 'not a photo' }]));
      await again.updateComplete;
      expect(again.photos).to.deep.equal(first.photos);
      expect(new FormData(form).getAll('photos')).to.deep.equal([first.photos[0]!.id]);
      expect(changed).to.deep.equal([]);
      restore('{ not json');
      expect(again.photos).to.deep.equal(first.photos);
    });

    it('without a client, keeps the chosen files and submits them as files', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><photo-uploader name="evidence" min-files="2"></photo-uploader></form>`);
      const el = form.querySelector('photo-uploader')!;
      const changes = record(el, 'change');
      choose(el, [await jpeg('one.jpg')]);
      await waitUntil(() => changes.length === 1, 'the photo is ready');
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal('Add at least 2 photos.');

      choose(el, [await jpeg('two.jpg')]);
      await waitUntil(() => changes.length === 2, 'the second photo is ready');
      const files = new FormData(form).getAll('evidence') as File[];
      expect(files.map((file) => [file.name, file.type])).to.deep.equal([
        ['photo.jpg', 'image/jpeg'],
        ['photo.jpg', 'image/jpeg'],
      ]);
      expect(names(el)).to.deep.equal(['one.jpg', 'two.jpg']);
      expect(el.checkValidity()).to.equal(true);
      expect(partOf(el, 'progress')).to.equal(undefined);
      expect(el.photos).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('is cleared by form.reset()', async () => {
      const form = await fixture<HTMLFormElement>(html`<form>
        <photo-uploader name="photos" required order-id=${EUR_ORDER} .client=${backend.client('buyer')}></photo-uploader>
      </form>`);
      const el = form.querySelector('photo-uploader')!;
      choose(el, [await jpeg('front.jpg')]);
      await waitUntil(() => el.photos.length === 1, 'the photo uploads');
      const changed = record(el, 'amicable-photos-changed');

      form.reset();
      expect(new FormData(form).getAll('photos')).to.deep.equal([]);
      expect(el.validity.valueMissing).to.equal(true);
      await el.updateComplete;
      expect(partsOf(el, 'item')).to.have.length(0);
      expect(el.photos).to.deep.equal([]);
      expect(changed, 'a reset is not the person changing photos').to.have.length(0);
    });

    it('takes nothing while its fieldset is disabled, and is left out of the form data', async () => {
      const form = await fixture<HTMLFormElement>(html`<form>
        <fieldset disabled><photo-uploader name="evidence"></photo-uploader></fieldset>
      </form>`);
      const el = form.querySelector('photo-uploader')!;
      await el.updateComplete;
      expect(addButton(el).disabled).to.equal(true);
      addButton(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer([await jpeg('pasted.jpg')]), bubbles: true, composed: true }));
      await el.updateComplete;
      expect(partsOf(el, 'item')).to.have.length(0);

      form.querySelector('fieldset')!.disabled = false;
      await el.updateComplete;
      expect(addButton(el).disabled).to.equal(false);
    });

    it('is invalid with a message of its own while photos upload, and shows their progress', async () => {
      const held = holdUploads();
      const el = await uploaderFor();
      choose(el, [await jpeg('front.jpg')]);
      await waitUntil(() => partOf(el, 'progress')?.getAttribute('aria-label') === 'Uploading front.jpg', 'the upload shows its progress');
      expect(el.validity.customError).to.equal(true);
      expect(el.validationMessage).to.equal('Wait until the photos are ready.');
      await expect(el).to.be.accessible();

      const changed = record(el, 'amicable-photos-changed');
      held.release();
      await waitUntil(() => changed.length === 1, 'the upload finishes');
      expect(changed[0]!.detail.photos).to.deep.equal(el.photos);
      expect(el.photos).to.have.length(1);
      expect(partOf(el, 'progress')).to.equal(undefined);
      expect(el.checkValidity()).to.equal(true);
      const thumbnail = partOf(el, 'thumbnail') as HTMLImageElement;
      expect(thumbnail.src).to.match(/^blob:/);
      await waitUntil(() => thumbnail.complete && thumbnail.naturalWidth === 48, 'the thumbnail shows the file');
      expect(announced(el)[0]).to.equal('front.jpg uploaded.');
      await expect(el).to.be.accessible();
    });

    it('drops an upload that ends after its order-id changed, and lists only the new order’s photos', async () => {
      const held = holdUploads();
      const el = await uploaderFor();
      const changed = record(el, 'amicable-photos-changed');
      choose(el, [await jpeg('front.jpg')]);
      await waitUntil(() => partOf(el, 'progress') !== undefined, 'the upload starts');

      el.orderId = JPY_ORDER;
      await el.updateComplete;
      expect(partsOf(el, 'item'), 'the other order’s photo is no longer listed').to.have.length(0);
      held.release();
      await waitUntil(() => held.answered, 'the held request goes on');
      choose(el, [await jpeg('back.jpg')]);
      await waitUntil(() => changed.length > 0 && announced(el).includes('back.jpg uploaded.'), 'the next photo uploads');
      expect(names(el)).to.deep.equal(['back.jpg']);
      expect(el.photos).to.have.length(1);
      expect(changed.map((event) => event.detail.photos)).to.deep.equal([el.photos]);
      expect(announced(el)).not.to.include('front.jpg uploaded.');
    });

    it('uploads through api-base and getToken, as a script-tag page gives them', async () => {
      const el = await fixture<PhotoUploader>(
        html`<photo-uploader name="photos" order-id=${EUR_ORDER} api-base=${API_BASE} .getToken=${backend.tokenFor('buyer')}></photo-uploader>`,
      );
      choose(el, [await jpeg('front.jpg')]);
      await waitUntil(() => el.photos.length === 1, 'the photo uploads');
      expect(el.photos[0]!.contentType).to.equal('image/jpeg');
    });
  });

  describe('the backend’s upload policy', () => {
    it('on its own, follows the policy of the order’s context: a type it takes, its size and pre-signed uploads', async () => {
      let tickets = 0;
      worker.use(
        http.post(`${API_BASE}/orders/:orderId/photo-uploads`, () => {
          tickets += 1;
          return undefined;
        }),
      );
      const el = await fixture<PhotoUploader>(html`<photo-uploader order-id=${JPY_ORDER} .client=${backend.client('buyer')}></photo-uploader>`);
      await waitUntil(() => partOf(el, 'dropzone')!.textContent!.includes('each at most 5.2 MB'), 'the policy is read');
      const canvas = new OffscreenCanvas(8, 8);
      canvas.getContext('2d')!.fillRect(0, 0, 8, 8);
      const png = new File([await canvas.convertToBlob({ type: 'image/png' })], 'screenshot.png', { type: 'image/png' });
      choose(el, [png, await jpeg('front.jpg')]);
      await waitUntil(() => el.photos.length === 2, 'both photos upload');
      // The backend takes no PNG: the screenshot went up as a JPEG.
      expect(el.photos.map((photo) => photo.contentType)).to.deep.equal(['image/jpeg', 'image/jpeg']);
      expect(partOf(el, 'message')!.hidden).to.equal(true);
      expect(tickets, 'the photos went up through pre-signed URLs').to.equal(2);
    });
  });

  describe('failures', () => {
    it('shows a failed upload’s error with a retry, which then succeeds', async () => {
      worker.use(serverError({ endpoint: 'uploadPhoto', times: DEFAULT_RETRY_POLICY.attempts }));
      const el = await uploaderFor();
      const errors = record(el, 'amicable-error');
      choose(el, [await jpeg('front.jpg')]);
      await waitUntil(() => partOf(el, 'error') !== undefined, 'the upload fails');
      const error = partOf(el, 'error')!;
      expect(error.textContent).to.equal(`Could not upload. ${en['error.server']}`);
      expect(errors.map((event) => event.detail.message)).to.deep.equal([en['error.server']]);
      expect(partOf(el, 'remove-button')!.getAttribute('aria-describedby')).to.equal(error.id);
      expect(partOf(el, 'retry-button')!.getAttribute('aria-describedby')).to.equal(error.id);
      expect(el.validationMessage).to.equal('Some photos could not be uploaded. Try again or remove them.');
      expect(announced(el)[0]).to.equal('front.jpg could not be uploaded.');
      await expect(el).to.be.accessible();

      partOf(el, 'retry-button')!.click();
      await waitUntil(() => el.photos.length === 1, 'the retry uploads the photo');
      expect(partOf(el, 'error')).to.equal(undefined);
      expect(el.checkValidity()).to.equal(true);
    });

    it('moves focus to the photo’s remove button when it is retried, as the retry button goes', async () => {
      worker.use(serverError({ endpoint: 'uploadPhoto', times: DEFAULT_RETRY_POLICY.attempts }));
      const el = await uploaderFor();
      choose(el, [await jpeg('front.jpg')]);
      await waitUntil(() => partOf(el, 'retry-button') !== undefined, 'the upload fails');
      partOf(el, 'retry-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.photos.length === 1, 'the retry uploads the photo');
      expect(partOf(el, 'retry-button')).to.equal(undefined);
      expect(focused(el) === partOf(el, 'remove-button'), 'focus is on the remove button').to.equal(true);
    });

    it('keeps the other photos when one fails on the network', async () => {
      const el = await uploaderFor();
      choose(el, [await jpeg('front.jpg')]);
      await waitUntil(() => el.photos.length === 1, 'the first photo uploads');
      const [uploaded] = el.photos;

      worker.use(droppedConnection({ endpoint: 'uploadPhoto' }));
      choose(el, [await jpeg('back.jpg')]);
      await waitUntil(() => partOf(el, 'error') !== undefined, 'the second upload fails');
      expect(partOf(el, 'error')!.textContent).to.equal(`Could not upload. ${en['error.network']}`);
      expect(names(el)).to.deep.equal(['front.jpg', 'back.jpg']);
      expect(el.photos).to.deep.equal([uploaded]);
      expect(partsOf(el, 'item')[0]!.querySelector('[part~="error"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('refuses files too large once processed or of a kind it does not take, naming each', async () => {
      const el = await fixture<PhotoUploader>(
        html`<photo-uploader order-id=${EUR_ORDER} max-bytes="2000" accept="image/jpeg,.png" .client=${backend.client('buyer')}></photo-uploader>`,
      );
      const large = await jpeg('large.jpg', { side: 256, noise: true });
      expect(large.size).to.be.above(2000);
      const small = await jpeg('small.jpg');
      expect(small.size).to.be.below(2000);
      choose(el, [large, asFile(animatedGif(), 'moving.gif', 'image/gif'), small]);
      await waitUntil(() => el.photos.length === 1, 'the fitting photo uploads');

      const message = partOf(el, 'message')!;
      expect(message.hidden).to.equal(false);
      const lines = [...message.querySelectorAll('span')].map((line) => line.textContent!).sort();
      expect(lines).to.have.length(2);
      expect(lines[0]).to.match(/^large\.jpg was not added: even made smaller it is \d+(\.\d)? kB, and a photo may be at most 2 kB\.$/);
      expect(lines[1]).to.equal('moving.gif was not added: choose a JPEG or PNG image.');
      expect(addButton(el).getAttribute('aria-describedby')).to.contain('message');
      expect(names(el)).to.deep.equal(['small.jpg']);
    });

    it('refuses photos beyond the most it takes, and offers no more once full', async () => {
      const el = await uploaderFor(2);
      choose(el, [await jpeg('one.jpg'), await jpeg('two.jpg'), await jpeg('three.jpg')]);
      await waitUntil(() => !partOf(el, 'message')!.hidden, 'the refusal shows');
      expect(partOf(el, 'message')!.textContent!.trim()).to.equal('three.jpg was not added: you can add at most 2 photos.');
      expect(announced(el)).to.include.members([
        'three.jpg was not added: you can add at most 2 photos.',
        'You have reached the maximum of 2 photos.',
      ]);
      expect(addButton(el).getAttribute('aria-disabled')).to.equal('true');
      await waitUntil(() => el.photos.length === 2, 'two photos upload');
      expect(names(el)).to.deep.equal(['one.jpg', 'two.jpg']);

      (partsOf(el, 'remove-button')[0] as HTMLButtonElement).click();
      await el.updateComplete;
      expect(addButton(el).hasAttribute('aria-disabled')).to.equal(false);
      expect(partOf(el, 'message')!.hidden).to.equal(true);
    });
  });

  describe('removing', () => {
    it('cancels an upload in flight', async () => {
      const held = holdUploads();
      const el = await uploaderFor();
      const changed = record(el, 'amicable-photos-changed');
      const errors = record(el, 'amicable-error');
      choose(el, [await jpeg('front.jpg')]);
      await waitUntil(() => partOf(el, 'progress') !== undefined, 'the upload starts');

      partOf(el, 'remove-button')!.click();
      await el.updateComplete;
      expect(partsOf(el, 'item')).to.have.length(0);
      expect(announced(el)[0]).to.equal('front.jpg removed.');
      held.release();
      await waitUntil(() => held.answered, 'the held request goes on');
      // A later upload finishing shows that the cancelled one, answered first, came to nothing.
      choose(el, [await jpeg('back.jpg')]);
      await waitUntil(() => el.photos.length === 1, 'the next photo uploads');
      expect(names(el)).to.deep.equal(['back.jpg']);
      expect(changed.map((event) => event.detail.photos)).to.deep.equal([el.photos]);
      expect(announced(el)).not.to.include('front.jpg uploaded.');
      expect(errors).to.have.length(0);
    });

    it('removes an uploaded photo, tells the host and moves focus to the next photo, else the add button', async () => {
      const el = await uploaderFor();
      choose(el, [await jpeg('one.jpg'), await jpeg('two.jpg')]);
      await waitUntil(() => el.photos.length === 2, 'both photos upload');
      const [, second] = el.photos;
      const changed = record(el, 'amicable-photos-changed');
      const preview = (partOf(el, 'thumbnail') as HTMLImageElement).src;
      expect(await fetch(preview).then(() => 'readable', () => 'revoked')).to.equal('readable');

      partsOf(el, 'remove-button')[0]!.click();
      await waitUntil(() => focused(el) === partOf(el, 'remove-button'), 'focus moves to the next photo');
      expect(changed.map((event) => event.detail.photos)).to.deep.equal([[second]]);
      expect(partOf(el, 'remove-button')!.getAttribute('aria-label')).to.equal('Remove photo two.jpg');
      expect(await fetch(preview).then(() => 'readable', () => 'revoked'), 'the removed preview is released').to.equal('revoked');

      partOf(el, 'remove-button')!.click();
      await waitUntil(() => focused(el) === addButton(el), 'focus moves to the add button');
      expect(changed.at(-1)!.detail.photos).to.deep.equal([]);
      expect(partOf(el, 'list')!.hidden).to.equal(true);
      await expect(el).to.be.accessible();
    });
  });

  describe('adding', () => {
    it('takes images pasted while focus is inside', async () => {
      const el = await uploaderFor();
      addButton(el).focus();
      const paste = new ClipboardEvent('paste', { clipboardData: transfer([await jpeg('pasted.jpg')]), bubbles: true, composed: true, cancelable: true });
      focused(el)!.dispatchEvent(paste);
      expect(paste.defaultPrevented).to.equal(true);
      await waitUntil(() => el.photos.length === 1, 'the pasted photo uploads');
      expect(names(el)).to.deep.equal(['pasted.jpg']);
    });

    it('shows where a drag may drop, and takes dropped images', async () => {
      const el = await uploaderFor();
      const zone = partOf(el, 'dropzone')!;
      const dataTransfer = transfer([await jpeg('dropped.jpg')]);
      const over = new DragEvent('dragover', { dataTransfer, bubbles: true, composed: true, cancelable: true });
      zone.dispatchEvent(over);
      expect(over.defaultPrevented, 'the zone accepts the drop').to.equal(true);
      await el.updateComplete;
      expect(zone.classList.contains('over')).to.equal(true);

      zone.dispatchEvent(new DragEvent('drop', { dataTransfer, bubbles: true, composed: true, cancelable: true }));
      await el.updateComplete;
      expect(zone.classList.contains('over')).to.equal(false);
      await waitUntil(() => el.photos.length === 1, 'the dropped photo uploads');
      expect(names(el)).to.deep.equal(['dropped.jpg']);
    });

    it('opens the file picker from the add button, and offers the camera where the pointer is coarse', async () => {
      const el = await uploaderFor();
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('#add-input')!;
      expect(input.multiple).to.equal(true);
      expect(input.accept).to.equal('image/jpeg,image/png,image/webp,image/gif,image/heic,image/heif');
      const opened = record(input, 'click');
      // The test stops the dialog itself, which would wait for a person.
      input.addEventListener('click', (event) => event.preventDefault());
      addButton(el).click();
      expect(opened).to.have.length(1);

      const camera = el.shadowRoot!.querySelector<HTMLInputElement>('#camera-input')!;
      expect(camera.getAttribute('capture')).to.equal('environment');
      const cameraButton = partOf(el, 'camera-button')!;
      expect(getComputedStyle(cameraButton).display).to.equal(matchMedia('(pointer: coarse)').matches ? 'inline-block' : 'none');
    });
  });

  describe('with the keyboard alone', () => {
    it('reaches every button in order, removes with Enter and retries with Space', async () => {
      const el = await uploaderFor();
      choose(el, [await jpeg('one.jpg'), await jpeg('two.jpg')]);
      await waitUntil(() => el.photos.length === 2, 'both photos upload');
      worker.use(serverError({ endpoint: 'uploadPhoto', times: DEFAULT_RETRY_POLICY.attempts }));
      choose(el, [await jpeg('three.jpg')]);
      await waitUntil(() => partOf(el, 'retry-button') !== undefined, 'the third upload fails');

      const opened = record(el.shadowRoot!.querySelector('#add-input')!, 'click');
      el.shadowRoot!.querySelector('#add-input')!.addEventListener('click', (event) => event.preventDefault());
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(addButton(el));
      await sendKeys({ press: 'Enter' });
      expect(opened, 'Enter opens the file picker').to.have.length(1);
      const removes = partsOf(el, 'remove-button');
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(removes[0]);
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(removes[1]);
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(partOf(el, 'retry-button'));
      await sendKeys({ press: 'Space' });
      await waitUntil(() => el.photos.length === 3, 'the retry uploads the third photo');

      removes[0]!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => names(el).length === 2, 'Enter removes the photo');
      expect(focused(el)).to.equal(partOf(el, 'remove-button'));
      expect(names(el)).to.deep.equal(['two.jpg', 'three.jpg']);
    });
  });

  describe('at the most it takes', () => {
    it('keeps focus on the add button when the last photo is added with the keyboard, and says why it takes no more', async () => {
      const el = await uploaderFor(1);
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('#add-input')!;
      const opened = record(input, 'click');
      input.addEventListener('click', (event) => event.preventDefault());
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(addButton(el));
      await sendKeys({ press: 'Enter' });
      expect(opened).to.have.length(1);
      // What the file picker gives back once the person chose a photo in it.
      choose(el, [await jpeg('only.jpg')]);
      await waitUntil(() => el.photos.length === 1, 'the photo uploads');
      expect(focused(el) === addButton(el), 'focus stays on the add button').to.equal(true);
      expect(addButton(el).getAttribute('aria-disabled')).to.equal('true');

      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(opened, 'a full uploader opens no file picker').to.have.length(1);
      expect(focused(el) === addButton(el), 'focus stays on the add button').to.equal(true);
      expect(partOf(el, 'message')!.textContent!.trim()).to.equal('You have reached the maximum of one photo.');
      expect(announced(el)[0]).to.equal('You have reached the maximum of one photo.');
      await expect(el).to.be.accessible();
    });
  });

  describe('a message from the host', () => {
    it('ties the host’s error message to the add button, shown in the uploader, until cleared', async () => {
      const el = await fixture<PhotoUploader>(html`<photo-uploader error-message="Add a photo of the damage."></photo-uploader>`);
      const message = partOf(el, 'error-message')!;
      expect(message.textContent!.trim()).to.equal('Add a photo of the damage.');
      expect(message.checkVisibility()).to.equal(true);
      expect(addButton(el).getAttribute('aria-invalid')).to.equal('true');
      expect(addButton(el).getAttribute('aria-describedby')!.split(' ')).to.include(message.id);
      await expect(el).to.be.accessible();

      el.errorMessage = '';
      await el.updateComplete;
      expect(partsOf(el, 'error-message').filter((part) => part.checkVisibility())).to.deep.equal([]);
      expect(addButton(el).hasAttribute('aria-invalid')).to.equal(false);
      expect(addButton(el).getAttribute('aria-describedby')!.split(' ')).not.to.include(message.id);
    });
  });

  describe('photos', () => {
    it('restores earlier photos from the property without firing events', async () => {
      const client = backend.client('buyer');
      const earlier: Photo[] = [
        await client.uploadPhoto(EUR_ORDER, await jpeg('a.jpg')),
        await client.uploadPhoto(EUR_ORDER, await jpeg('b.jpg')),
      ];
      const form = await fixture<HTMLFormElement>(html`<form><photo-uploader name="photos" order-id=${EUR_ORDER} .client=${client}></photo-uploader></form>`);
      const el = form.querySelector('photo-uploader')!;
      const changed = record(el, 'amicable-photos-changed');
      const changes = record(el, 'change');
      el.photos = earlier;
      await el.updateComplete;
      expect(changed).to.have.length(0);
      expect(changes).to.have.length(0);
      expect(new FormData(form).getAll('photos')).to.deep.equal(earlier.map((photo) => photo.id));
      const thumbnails = partsOf(el, 'thumbnail') as HTMLImageElement[];
      expect(thumbnails.map((image) => image.src)).to.deep.equal(earlier.map((photo) => photo.url));
      await waitUntil(() => thumbnails.every((image) => image.complete && image.naturalWidth === 48), 'the thumbnails load from the backend');

      partOf(el, 'remove-button')!.click();
      await el.updateComplete;
      expect(changed.map((event) => event.detail.photos)).to.deep.equal([[earlier[1]]]);
    });

    it('leaves no preview unreleased when an upload ends after the uploader left the page', async () => {
      const made: string[] = [];
      const revoked = new Set<string>();
      const { createObjectURL, revokeObjectURL } = URL;
      URL.createObjectURL = (source) => {
        const url = createObjectURL(source);
        made.push(url);
        return url;
      };
      URL.revokeObjectURL = (url) => {
        revoked.add(url);
        revokeObjectURL(url);
      };
      try {
        const held = holdUploads();
        const el = await uploaderFor();
        const changed = record(el, 'amicable-photos-changed');
        choose(el, [await jpeg('front.jpg')]);
        await waitUntil(() => partOf(el, 'progress') !== undefined, 'the upload starts');
        expect(made, 'the preview shows').to.have.length(1);

        el.remove();
        held.release();
        await waitUntil(() => changed.length === 1, 'the upload finishes');
        await el.updateComplete;
        expect(made.filter((url) => !revoked.has(url))).to.deep.equal([]);
      } finally {
        Object.assign(URL, { createObjectURL, revokeObjectURL });
      }
    });

    it('keeps its thumbnails when moved in the page', async () => {
      const el = await uploaderFor();
      choose(el, [await jpeg('front.jpg')]);
      await waitUntil(() => el.photos.length === 1, 'the photo uploads');
      const other = await fixture<HTMLDivElement>(html`<div></div>`);
      other.append(el);
      await el.updateComplete;
      const thumbnail = partOf(el, 'thumbnail') as HTMLImageElement;
      await waitUntil(() => thumbnail.complete && thumbnail.naturalWidth === 48, 'the thumbnail still shows the file');
      expect(el.photos).to.have.length(1);
    });
  });

  describe('inside the dispute opener', () => {
    const tree: DecisionTree = {
      id: 'uploader-tree',
      version: 1,
      fallbackLocale: 'en',
      root: 'what',
      nodes: {
        what: { kind: 'question', prompt: { en: 'What went wrong?' }, options: [{ id: 'scratched', label: { en: 'Scratched' }, next: 'scratched' }] },
        scratched: {
          kind: 'outcome',
          title: { en: 'Scratched' },
          description: { required: false, minLength: 0, maxLength: 500 },
          photos: { min: 1, max: 2 },
          resolutions: [{ type: 'full_refund' }],
          counterOffer: false,
          deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
        },
      },
    };

    /** A running intake at the evidence step. */
    function intakeActorAtEvidence(): IntakeActor {
      const machine = intakeMachine.provide({
        actors: { submitDispute: fromPromise(() => Promise.reject(new Error('not submitted in these tests'))) },
      });
      const actor = createActor(machine, { input: { orderId: EUR_ORDER, tree, price: { amount: 6_100, currency: 'EUR' } } }).start();
      actor.send({ type: 'ANSWER', optionId: 'scratched' });
      actor.send({ type: 'NEXT' });
      expect(actor.getSnapshot().value).to.equal('evidence');
      return actor;
    }

    /** An intake at the evidence step, and an uploader nested in an element that provides it. */
    async function intakeAtEvidence(): Promise<{ actor: IntakeActor; el: PhotoUploader; provider: ContextProvider<typeof intakeActorContext> }> {
      const actor = intakeActorAtEvidence();
      const opener = await fixture<HTMLDivElement>(html`<div></div>`);
      const provider = new ContextProvider(opener, { context: intakeActorContext, initialValue: actor });
      const el = document.createElement('photo-uploader');
      el.orderId = EUR_ORDER;
      el.client = backend.client('buyer');
      opener.append(el);
      await el.updateComplete;
      return { actor, el, provider };
    }

    it('takes its limits from the outcome and attaches each uploaded photo', async () => {
      const { actor, el } = await intakeAtEvidence();
      expect(partOf(el, 'dropzone')!.textContent).to.contain('Up to 2 photos');
      expect(el.validity.valueMissing, 'the outcome asks for at least one').to.equal(true);
      expect(actor.getSnapshot().can({ type: 'NEXT' })).to.equal(false);

      choose(el, [await jpeg('front.jpg'), await jpeg('back.jpg'), await jpeg('side.jpg')]);
      await waitUntil(() => !partOf(el, 'message')!.hidden, 'the refusal shows');
      expect(partOf(el, 'message')!.textContent).to.contain('side.jpg was not added');
      await waitUntil(() => actor.getSnapshot().context.photos.length === 2, 'both photos are attached');
      // Attached as each finishes uploading, which may not be the order they were chosen in.
      expect(actor.getSnapshot().context.photos).to.have.deep.members(el.photos.map((photo, n) => ({ id: photo.id, name: ['front.jpg', 'back.jpg'][n] })));
      expect(actor.getSnapshot().can({ type: 'NEXT' })).to.equal(true);
      expect(addButton(el).getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();

      partOf(el, 'remove-button')!.click();
      await el.updateComplete;
      expect(actor.getSnapshot().context.photos.map((photo) => photo.name)).to.deep.equal(['back.jpg']);
      expect(addButton(el).hasAttribute('aria-disabled')).to.equal(false);
    });

    it('drops an upload that ends after the opener started another intake', async () => {
      const { actor, el, provider } = await intakeAtEvidence();
      const held = holdUploads();
      const changed = record(el, 'amicable-photos-changed');
      choose(el, [await jpeg('front.jpg')]);
      await waitUntil(() => partOf(el, 'progress') !== undefined, 'the upload starts');

      const next = intakeActorAtEvidence();
      provider.setValue(next);
      await el.updateComplete;
      expect(partsOf(el, 'item'), 'the other intake’s photo is no longer listed').to.have.length(0);
      held.release();
      await waitUntil(() => held.answered, 'the held request goes on');
      choose(el, [await jpeg('back.jpg')]);
      await waitUntil(() => next.getSnapshot().context.photos.some((photo) => photo.name === 'back.jpg'), 'the next photo is attached');
      expect(next.getSnapshot().context.photos.map((photo) => photo.name)).to.deep.equal(['back.jpg']);
      expect(actor.getSnapshot().context.photos).to.deep.equal([]);
      expect(names(el)).to.deep.equal(['back.jpg']);
      expect(changed.map((event) => event.detail.photos)).to.deep.equal([el.photos]);
    });

    it('names restored photos as the intake knows them, and detaches them when removed', async () => {
      const { actor, el } = await intakeAtEvidence();
      const photo = await backend.client('buyer').uploadPhoto(EUR_ORDER, await jpeg('kept.jpg'));
      actor.send({ type: 'ATTACH_PHOTO', photo: { id: photo.id, name: 'kept.jpg' } });
      el.photos = [photo];
      await el.updateComplete;
      expect(names(el)).to.deep.equal(['kept.jpg']);
      expect(actor.getSnapshot().context.photos).to.have.length(1);

      partOf(el, 'remove-button')!.click();
      await el.updateComplete;
      expect(actor.getSnapshot().context.photos).to.deep.equal([]);
    });
  });

  describe('layout', () => {
    it('fits 320 px wide, with a long file name and an error', async () => {
      const narrow = await fixture<HTMLDivElement>(html`<div style="inline-size: 320px"></div>`);
      const el = document.createElement('photo-uploader');
      Object.assign(el, { orderId: EUR_ORDER, client: backend.client('buyer') });
      narrow.append(el);
      worker.use(droppedConnection({ endpoint: 'uploadPhoto' }));
      choose(el, [await jpeg('PXL_20261126_090000000_MP_COVER_ORIGINAL_PORTRAIT_BURST.jpg')]);
      await waitUntil(() => partOf(el, 'error') !== undefined, 'the upload fails');
      for (const box of [partOf(el, 'base')!, ...partsOf(el, 'item'), partOf(el, 'dropzone')!]) {
        expect(box.scrollWidth, box.getAttribute('part')!).to.be.at.most(box.clientWidth);
      }
      expect(partOf(el, 'base')!.getBoundingClientRect().width).to.be.at.most(320);
    });
  });

  describe('languages', () => {
    it('speaks Dutch with locale="nl"', async () => {
      const el = await fixture<PhotoUploader>(html`<photo-uploader locale="nl" required></photo-uploader>`);
      await waitUntil(() => addButton(el).textContent!.trim() === 'Foto’s kiezen', 'the Dutch strings load');
      expect(partOf(el, 'dropzone')!.textContent).to.contain('Sleep foto’s hierheen of plak ze.');
      expect(el.validationMessage).to.equal('Voeg minstens één foto toe.');
      await expect(el).to.be.accessible();
    });

    it('lays out right to left in Arabic', async () => {
      const el = await fixture<PhotoUploader>(html`<photo-uploader locale="ar"></photo-uploader>`);
      expect(partOf(el, 'base')!.getAttribute('dir')).to.equal('rtl');
    });
  });
});
