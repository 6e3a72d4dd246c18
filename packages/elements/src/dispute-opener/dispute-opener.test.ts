import type { Dispute } from '@amicable/protocol';
import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../test-support/wait.test-support.js';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import {
  API_BASE,
  EUR_ORDER,
  JPY_ORDER,
  KWD_ORDER,
  serveReferenceBackend,
  startWorker,
  worker,
  type TestBackend,
} from '../test-support/reference-backend.test-support.js';
import type { DisputeOpener } from './dispute-opener.component.js';
import './dispute-opener.define.js';

const DAMAGED_TEXT = 'The carafe has a crack along the handle.';

const root = (el: DisputeOpener): ShadowRoot => el.shadowRoot as ShadowRoot;
const $ = <T extends Element = HTMLElement>(el: DisputeOpener, selector: string): T | null => root(el).querySelector<T>(selector);
// What a person reads: block elements apart, spaces collapsed.
const text = (node: Element | null | undefined): string => ((node as HTMLElement | null)?.innerText ?? '').replace(/\s+/g, ' ').trim();
const heading = (el: DisputeOpener): string => text($(el, '[part~="step-heading"]'));
const currentStep = (el: DisputeOpener): string => text($(el, '[aria-current="step"]'));
const announced = (el: DisputeOpener): string => text($(el, '[role="status"][aria-live]'));

function button(el: DisputeOpener, name: string): HTMLButtonElement {
  const label = (candidate: Element): string => candidate.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const found = [...root(el).querySelectorAll('button')].find((candidate) => label(candidate) === name);
  if (found === undefined) throw new Error(`no button "${name}" in: ${[...root(el).querySelectorAll('button')].map(label).join(' | ')}`);
  return found;
}

function checkbox(el: DisputeOpener, label: string): HTMLInputElement {
  const found = [...root(el).querySelectorAll<HTMLLabelElement>('label.choice')].find((candidate) => text(candidate) === label);
  if (found === undefined) throw new Error(`no choice "${label}"`);
  return found.querySelector('input') as HTMLInputElement;
}

async function untilHeading(el: DisputeOpener, expected: string): Promise<void> {
  // Generous: a loaded machine may take seconds to answer; only a step that never comes fails.
  await waitUntil(() => heading(el) === expected, `expected the heading "${expected}", saw "${heading(el)}"`, { timeout: 10_000 });
}

async function click(el: DisputeOpener, name: string, next?: string): Promise<void> {
  button(el, name).click();
  if (next !== undefined) await untilHeading(el, next);
  await el.updateComplete;
}

async function typeInto(el: DisputeOpener, selector: string, value: string, commit = false): Promise<void> {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(el, selector) as HTMLInputElement;
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  if (commit) field.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function pngFile(name: string): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 8;
  canvas.height = 6;
  (canvas.getContext('2d') as CanvasRenderingContext2D).fillRect(0, 0, 4, 4);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b as Blob), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

/** Adds a photo through the nested uploader's file input, as a person choosing a file does. */
/** Chooses `file` in the opener's nested uploader, as its file picker does. */
function choosePhoto(el: DisputeOpener, file: File): void {
  const uploader = $(el, '[part~="uploader"]') as HTMLElement;
  const input = uploader.shadowRoot?.querySelector<HTMLInputElement>('#add-input') as HTMLInputElement;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function addPhoto(el: DisputeOpener, name: string): Promise<void> {
  const file = await pngFile(name);
  const changed = oneEvent(el, 'amicable-photos-changed');
  choosePhoto(el, file);
  await changed;
  await el.updateComplete;
}

function opener(backend: TestBackend, orderId = EUR_ORDER, locale = 'en'): Promise<DisputeOpener> {
  return fixture<DisputeOpener>(html`<dispute-opener order-id=${orderId} locale=${locale} .client=${backend.client('buyer')}></dispute-opener>`);
}

async function started(el: DisputeOpener, first = 'What went wrong with your order?'): Promise<DisputeOpener> {
  await untilHeading(el, first);
  return el;
}

const headlineOf = (el: DisputeOpener): string => text($(el, '[part~="headline"]'));

describe('<dispute-opener>', () => {
  let backend: TestBackend;
  before(() => startWorker());
  after(() => worker.stop());
  beforeEach(async () => {
    localStorage.clear();
    backend = await serveReferenceBackend();
  });

  describe('before the intake', () => {
    it('says what is missing when it has no order id or no client', async () => {
      const el = await fixture<DisputeOpener>(html`<dispute-opener locale="en" .client=${backend.client('buyer')}></dispute-opener>`);
      expect(text($(el, '[part~="error"]'))).to.equal('This widget is not set up: it needs an order id and an API address or client.');
      const noClient = await fixture<DisputeOpener>(html`<dispute-opener locale="en" order-id=${EUR_ORDER}></dispute-opener>`);
      expect(text($(noClient, '[part~="error"]'))).to.contain('not set up');
      await expect(noClient).to.be.accessible();
    });

    it('shows a loading message, and a localized error with a retry when the context cannot be loaded', async () => {
      let refuse = true;
      worker.use(http.get(`${API_BASE}/orders/:orderId/context`, () => (refuse ? new HttpResponse('<h1>Bad gateway</h1>', { status: 404 }) : undefined)));
      const errors: string[] = [];
      const el = await fixture<DisputeOpener>(html`<dispute-opener order-id=${EUR_ORDER} locale="en" .client=${backend.client('buyer')}
        @amicable-error=${(event: CustomEvent) => errors.push((event as unknown as { detail: { message: string } }).detail.message)}></dispute-opener>`);
      expect(text($(el, '[part~="loading"]'))).to.equal('Loading…');
      await waitUntil(() => $(el, '[part~="error"] button'), 'the retry button');
      expect(text($(el, '[part~="error"] p'))).to.equal('Something went wrong. Try again.');
      expect(errors).to.deep.equal(['Something went wrong. Try again.']);
      await expect(el).to.be.accessible();
      refuse = false;
      await click(el, 'Try again', 'What went wrong with your order?');
      // After a retry, the first question takes the focus the retry button had.
      expect(root(el).activeElement).to.equal($(el, '[part~="step-heading"]'));
    });
  });

  describe('the intake', () => {
    it('takes the buyer through every step to an opened dispute, accessible at each', async () => {
      const el = await started(await opener(backend));
      expect(currentStep(el)).to.equal('What happened');
      await expect(el).to.be.accessible();

      await click(el, 'It arrived damaged', 'Describe the problem');
      expect(text($(el, '.progress'))).to.equal('What happened Description Photos Solution Review');
      expect(currentStep(el)).to.equal('Description');
      expect(text(root(el).querySelector('.progress + p'))).to.equal('Step 2 of 5');
      expect(text($(el, '#guidance'))).to.contain('Describe the damage and the state of the packaging.');
      expect(text($(el, '#minimum'))).to.equal('At least 20 characters.');
      expect(text($(el, '#count'))).to.equal('2000 characters left');
      await expect(el).to.be.accessible();
      await typeInto(el, 'textarea', DAMAGED_TEXT);
      expect(text($(el, '#count'))).to.equal(`${2000 - DAMAGED_TEXT.length} characters left`);
      await click(el, 'Next', 'Add photos');

      expect(text(root(el).querySelector('.progress + p'))).to.equal('Step 3 of 5');
      expect(text($(el, '#photos-hint'))).to.equal('Add 1 to 10 photos.');
      await expect(el).to.be.accessible();
      await addPhoto(el, 'crack.png');
      await click(el, 'Next', 'What would you like the seller to do?');

      expect(currentStep(el)).to.equal('Solution');
      expect(text($(el, '#meaning-partial_refund'))).to.equal('Keep the item and get part of the price back, between €6.10 and €30.50.');
      expect(text($(el, '#meaning-return_and_refund'))).to.equal('Send the item back within 14 days, at the seller’s cost, and get €61.00 back.');
      await expect(el).to.be.accessible();
      checkbox(el, 'Partial refund').click();
      await el.updateComplete;
      // Preselected at the suggested 25 % of €61.00.
      expect($<HTMLInputElement>(el, '#amount')?.value).to.equal('15.25');
      expect(text($(el, '#amount-hint'))).to.equal('Between €6.10 and €30.50. Suggested: €15.25.');
      checkbox(el, 'Replacement').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      await click(el, 'Next', 'Check and send');

      expect(currentStep(el)).to.equal('Review');
      const review = text($(el, '[part~="review"]'));
      expect(review).to.contain('What went wrong with your order? It arrived damaged');
      expect(review).to.contain('Your case Damaged in transit');
      expect(review).to.contain(DAMAGED_TEXT);
      expect(review).to.contain('Partial refund of €15.25');
      expect(review).to.contain('Replacement');
      const thumbnail = $<HTMLImageElement>(el, '[part~="review"] img');
      expect(thumbnail?.alt).to.equal('crack.png');
      await expect(el).to.be.accessible();

      const created = oneEvent(el, 'amicable-dispute-created');
      button(el, 'Send to the seller').click();
      await untilHeading(el, 'Sending your case…').catch(() => undefined);
      const { detail } = await created;
      expect(detail.dispute.description).to.equal(DAMAGED_TEXT);
      expect(detail.dispute.proposals.map((p: Dispute['proposals'][number]) => p.resolution)).to.deep.equal([
        { type: 'partial_refund', amount: { amount: 1525, currency: 'EUR' } },
        { type: 'replacement' },
      ]);
      expect(detail.dispute.photos).to.have.length(1);
      expect(thumbnail?.src).to.equal(detail.dispute.photos[0]?.url);
      await waitUntil(() => headlineOf(el) !== '', 'the dispute view');
      expect(announced(el)).to.equal('Your case was sent.');
      // Focus moves on to the status.
      expect(root(el).activeElement).to.equal($(el, '[part~="headline"]'));
      await expect(el).to.be.accessible();
      const stored = await backend.client('buyer').getDispute(EUR_ORDER);
      expect(stored.id).to.equal(detail.dispute.id);
    });

    it('can be completed with the keyboard alone, focus landing on each step’s heading', async () => {
      const el = await started(await opener(backend));
      const focused = (): Element | null => root(el).activeElement;
      const tabTo = async (matches: (element: Element) => boolean, what: string): Promise<void> => {
        for (let i = 0; i < 40; i++) {
          await sendKeys({ press: 'Tab' });
          const active = focused();
          if (active !== null && matches(active)) return;
        }
        throw new Error(`Tab never reached ${what}`);
      };
      const onHeading = async (expected: string): Promise<void> => {
        await untilHeading(el, expected);
        await waitUntil(() => focused() === $(el, '[part~="step-heading"]'), `focus on the heading "${expected}"`);
      };
      const named = (name: string) => (element: Element) => text(element) === name;

      await tabTo(named('Parts are missing'), 'the option');
      await sendKeys({ press: 'Enter' });
      await onHeading('Describe the problem');
      await tabTo((e) => e.id === 'description', 'the description');
      await sendKeys({ type: 'The box had no lid and no filter holder.' });
      await tabTo(named('Next'), 'Next');
      await sendKeys({ press: 'Enter' });
      await onHeading('Add photos');
      await tabTo(named('Next'), 'Next');
      await sendKeys({ press: 'Enter' });
      await onHeading('What would you like the seller to do?');
      await tabTo((e) => e instanceof HTMLInputElement && e.type === 'checkbox', 'the partial refund');
      await sendKeys({ press: 'Space' });
      // Tabbing into a text field selects what it holds, so typing replaces it.
      await tabTo((e) => e.id === 'amount', 'the amount');
      await sendKeys({ type: '9.99' });
      await tabTo(named('Next'), 'Next');
      await sendKeys({ press: 'Enter' });
      await onHeading('Check and send');
      expect(text($(el, '[part~="review"]'))).to.contain('Partial refund of €9.99');
      const created = oneEvent(el, 'amicable-dispute-created');
      await tabTo(named('Send to the seller'), 'Send');
      await sendKeys({ press: 'Enter' });
      const { detail } = await created;
      expect(detail.dispute.proposals[0]?.resolution).to.deep.equal({ type: 'partial_refund', amount: { amount: 999, currency: 'EUR' } });
      await waitUntil(() => focused() === $(el, '[part~="headline"]'), 'focus on the status');
    });

    it('goes back from every step, undoing answers on the way', async () => {
      const el = await started(await opener(backend));
      expect(root(el).querySelector('[part~="back-button"]')).to.equal(null);
      await click(el, 'My order hasn’t arrived', 'What does the tracking say?');
      await click(el, 'It hasn’t been delivered', 'Describe the problem');
      await click(el, 'Next', 'Add photos');
      await click(el, 'Next', 'What would you like the seller to do?');
      checkbox(el, 'Full refund').click();
      await click(el, 'Next', 'Check and send');
      expect(text($(el, '[part~="review"]'))).to.contain('What does the tracking say? It hasn’t been delivered');

      await click(el, 'Back', 'What would you like the seller to do?');
      expect(checkbox(el, 'Full refund').checked).to.equal(true);
      await click(el, 'Back', 'Add photos');
      await click(el, 'Back', 'Describe the problem');
      await click(el, 'Back', 'What does the tracking say?');
      await expect(el).to.be.accessible();
      await click(el, 'Back', 'What went wrong with your order?');
      expect(root(el).querySelector('[part~="back-button"]')).to.equal(null);
      // Both answers were undone: another way through leads to another outcome.
      await click(el, 'My order hasn’t arrived', 'What does the tracking say?');
      await click(el, 'It says delivered', 'Describe the problem');
      expect(text(root(el).querySelector('[part~="step-heading"] + p'))).to.equal('Marked as delivered, but not received');
    });

    it('keeps its place when moved in the page', async () => {
      const el = await started(await opener(backend));
      await click(el, 'It arrived damaged', 'Describe the problem');
      await typeInto(el, 'textarea', DAMAGED_TEXT);
      const elsewhere = document.createElement('section');
      document.body.append(elsewhere);
      try {
        elsewhere.append(el);
        await el.updateComplete;
        expect(heading(el)).to.equal('Describe the problem');
        expect($<HTMLTextAreaElement>(el, 'textarea')?.value).to.equal(DAMAGED_TEXT);
        await click(el, 'Next', 'Add photos');
      } finally {
        elsewhere.remove();
      }
    });

    it('edits a section from the review and comes back to it', async () => {
      const el = await started(await opener(backend));
      await click(el, 'I changed my mind', 'Describe the problem');
      await click(el, 'Next', 'Add photos');
      await click(el, 'Next', 'What would you like the seller to do?');
      checkbox(el, 'Return and refund').click();
      await click(el, 'Next', 'Check and send');
      expect(text($(el, '[part~="review"]'))).to.contain('No description.');
      await click(el, 'Edit: Description', 'Describe the problem');
      await typeInto(el, 'textarea', 'It does not fit my kitchen.');
      await click(el, 'Next', 'Add photos');
      await click(el, 'Next', 'What would you like the seller to do?');
      await click(el, 'Next', 'Check and send');
      expect(text($(el, '[part~="review"]'))).to.contain('It does not fit my kitchen.');
      await click(el, 'Edit: What happened', 'What went wrong with your order?');
    });

    it('shows why a step cannot be left, tied to its field and read out', async () => {
      const el = await started(await opener(backend));
      await click(el, 'It arrived damaged', 'Describe the problem');
      await typeInto(el, 'textarea', 'Cracked.');
      button(el, 'Next').click();
      await waitUntil(() => $(el, '#description-error'), 'the description error');
      const field = $(el, 'textarea') as HTMLTextAreaElement;
      expect(text($(el, '#description-error'))).to.equal('Write at least 20 characters.');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(field.getAttribute('aria-describedby')?.split(' ')).to.include('description-error');
      await waitUntil(() => announced(el) === 'Write at least 20 characters.', 'the error read out');
      expect(root(el).activeElement).to.equal(field);
      expect(heading(el)).to.equal('Describe the problem');
      await expect(el).to.be.accessible();
      await typeInto(el, 'textarea', DAMAGED_TEXT);
      await click(el, 'Next', 'Add photos');
      button(el, 'Next').click();
      const uploader = $(el, '[part~="uploader"]') as HTMLElement;
      const message = () => uploader.shadowRoot!.querySelector<HTMLElement>('[part~="error-message"]');
      await waitUntil(() => message() !== null && !message()!.hidden, 'the photo count error, at the uploader');
      expect(text(message())).to.equal('Add at least 1 photo.');
      await waitUntil(() => announced(el) === 'Add at least 1 photo.', 'the error read out');
      const addButton = uploader.shadowRoot!.querySelector('[part~="add-button"]')!;
      expect(uploader.shadowRoot!.activeElement === addButton, 'focus on the add button').to.equal(true);
      expect(addButton.getAttribute('aria-invalid')).to.equal('true');
      expect(addButton.getAttribute('aria-describedby')!.split(' ')).to.include(message()!.id);
      await addPhoto(el, 'crack.png');
      await click(el, 'Next', 'What would you like the seller to do?');
      button(el, 'Next').click();
      await waitUntil(() => $(el, '#propose-error'), 'the proposal error');
      expect(text($(el, '#propose-error'))).to.equal('Choose at least one solution.');
      expect(heading(el)).to.equal('What would you like the seller to do?');
      await expect(el).to.be.accessible();
    });

    /** The buyer at the photo step of a damaged order. */
    async function atPhotos(): Promise<DisputeOpener> {
      const el = await started(await opener(backend));
      await click(el, 'It arrived damaged', 'Describe the problem');
      await typeInto(el, 'textarea', DAMAGED_TEXT);
      await click(el, 'Next', 'Add photos');
      return el;
    }

    it('asks the buyer to wait, not to add a photo, when the photos are still on their way', async () => {
      const el = await atPhotos();
      const uploader = $(el, '[part~="uploader"]') as HTMLElement;
      const canvas = new OffscreenCanvas(6000, 4000);
      canvas.getContext('2d')!.fillRect(0, 0, 6000, 4000);
      const changed = oneEvent(el, 'amicable-photos-changed');
      choosePhoto(el, new File([await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })], 'wide.jpg', { type: 'image/jpeg' }));
      button(el, 'Next').click();
      await el.updateComplete;
      const message = uploader.shadowRoot!.querySelector<HTMLElement>('[part~="error-message"]')!;
      await waitUntil(() => !message.hidden, 'the message at the uploader');
      expect(text(message)).to.equal('Wait until the photos are ready.');
      await changed;
      await waitUntil(() => message.hidden, 'the message goes once the photo is there');
      await click(el, 'Next', 'What would you like the seller to do?');
    });

    it('tells the buyer to add a photo once the one on its way turns out not to be one', async () => {
      const el = await atPhotos();
      const uploader = $(el, '[part~="uploader"]') as HTMLElement;
      choosePhoto(el, new File([new Uint8Array(4096)], 'zeros.jpg', { type: 'image/jpeg' }));
      button(el, 'Next').click();
      const message = uploader.shadowRoot!.querySelector<HTMLElement>('[part~="error-message"]')!;
      await waitUntil(() => text(message) === 'Add at least 1 photo.', 'the count error, once the file is refused');
      expect(text(uploader.shadowRoot!.querySelector('[part~="message"]'))).to.equal('zeros.jpg was not added: it is not a photo. Choose a JPEG, PNG, WebP, GIF, or HEIC image.');
      await expect(el).to.be.accessible();
    });

    it('bounds the partial refund and says why an amount is refused', async () => {
      const el = await started(await opener(backend));
      await click(el, 'It’s not as described', 'Describe the problem');
      await typeInto(el, 'textarea', 'The listing said blue glaze; it is green.');
      await click(el, 'Next', 'Add photos');
      await addPhoto(el, 'glaze.png');
      await click(el, 'Next', 'What would you like the seller to do?');
      checkbox(el, 'Partial refund').click();
      await el.updateComplete;
      const amount = $<HTMLInputElement>(el, '#amount') as HTMLInputElement;
      expect(amount.value).to.equal('12.20');
      const refused = async (typed: string, message: string): Promise<void> => {
        await typeInto(el, '#amount', typed, true);
        expect(text($(el, '#amount-error')), typed).to.equal(message);
        expect(amount.getAttribute('aria-invalid')).to.equal('true');
        expect(amount.getAttribute('aria-describedby')).to.equal('amount-hint amount-error');
        await waitUntil(() => announced(el) === message, `"${message}" read out`);
        button(el, 'Next').click();
        await el.updateComplete;
        expect(heading(el), `Next with ${typed}`).to.equal('What would you like the seller to do?');
      };
      await refused('6.09', 'Enter at least €6.10.');
      await refused('30.51', 'Enter at most €30.50.');
      const invalid = 'Enter the amount in numbers, with at most 2 decimals, such as 12.20.';
      await refused('twelve', invalid);
      await refused('', invalid);
      await refused('12.345', invalid);
      await expect(el).to.be.accessible();
      // The bounds themselves are allowed, typed with a decimal comma too.
      await typeInto(el, '#amount', '30,5', true);
      expect($(el, '#amount-error')).to.equal(null);
      expect(amount.getAttribute('aria-invalid')).to.equal('false');
      await click(el, 'Next', 'Check and send');
      expect(text($(el, '[part~="review"]'))).to.contain('Partial refund of €30.50');
      await click(el, 'Back', 'What would you like the seller to do?');
      await typeInto(el, '#amount', '6.1', true);
      await click(el, 'Next', 'Check and send');
      expect(text($(el, '[part~="review"]'))).to.contain('Partial refund of €6.10');
    });

    it('goes straight to support without proposals for a suspected counterfeit', async () => {
      const el = await started(await opener(backend));
      await click(el, 'I think it’s counterfeit', 'Describe the problem');
      expect(text($(el, '.progress'))).to.equal('What happened Description Photos Review');
      await typeInto(el, 'textarea', 'The logo is printed crooked and the box has no hologram.');
      await click(el, 'Next', 'Add photos');
      await addPhoto(el, 'logo.png');
      await click(el, 'Next', 'Check and send');
      expect(text($(el, '[part~="review"]'))).to.contain('This case goes straight to our support team');
      const created = oneEvent(el, 'amicable-dispute-created');
      button(el, 'Send to support').click();
      const { detail } = await created;
      expect(detail.dispute.status).to.equal('escalated');
      expect(detail.dispute.proposals).to.deep.equal([]);
    });
  });

  describe('the draft', () => {
    async function walkToProposals(el: DisputeOpener): Promise<void> {
      await click(el, 'It arrived damaged', 'Describe the problem');
      await typeInto(el, 'textarea', DAMAGED_TEXT);
      await click(el, 'Next', 'Add photos');
      await addPhoto(el, 'crack.png');
      await click(el, 'Next', 'What would you like the seller to do?');
      checkbox(el, 'Partial refund').click();
      await el.updateComplete;
      await typeInto(el, '#amount', '20', true);
      checkbox(el, 'Return and refund').click();
      await el.updateComplete;
    }

    async function expectRestored(el: DisputeOpener): Promise<void> {
      await untilHeading(el, 'What would you like the seller to do?');
      expect(checkbox(el, 'Partial refund').checked).to.equal(true);
      expect(checkbox(el, 'Return and refund').checked).to.equal(true);
      expect(checkbox(el, 'Replacement').checked).to.equal(false);
      expect($<HTMLInputElement>(el, '#amount')?.value).to.equal('20.00');
      await click(el, 'Back', 'Add photos');
      const uploader = $(el, '[part~="uploader"]') as HTMLElement & { photos: unknown[] };
      await waitUntil(() => uploader.shadowRoot?.querySelector('img'), 'the photo’s thumbnail');
      expect(uploader.photos).to.have.length(1);
      await click(el, 'Back', 'Describe the problem');
      expect($<HTMLTextAreaElement>(el, 'textarea')?.value).to.equal(DAMAGED_TEXT);
    }

    it('survives a reload of the page', async () => {
      const first = await started(await opener(backend));
      await walkToProposals(first);
      fixtureCleanup();
      const again = await opener(backend);
      await expectRestored(again);
      await click(again, 'Next', 'Add photos');
      await click(again, 'Next', 'What would you like the seller to do?');
      await click(again, 'Next', 'Check and send');
      const review = text($(again, '[part~="review"]'));
      expect(review).to.contain('It arrived damaged');
      expect(review).to.contain('Partial refund of €20.00');
      expect($<HTMLImageElement>(again, '[part~="review"] img')?.alt).to.equal('crack.png');
    });

    it('is dropped once the dispute is opened, and not restored for another order', async () => {
      const first = await started(await opener(backend));
      await walkToProposals(first);
      expect(Object.keys(localStorage)).to.have.length(1);
      const other = await started(await opener(backend, JPY_ORDER));
      expect(currentStep(other)).to.equal('What happened');
      fixtureCleanup();
      const again = await opener(backend);
      await untilHeading(again, 'What would you like the seller to do?');
      await click(again, 'Next', 'Check and send');
      const created = oneEvent(again, 'amicable-dispute-created');
      button(again, 'Send to the seller').click();
      await created;
      expect(Object.keys(localStorage).filter((key) => key.includes(EUR_ORDER))).to.deep.equal([]);
    });

    /** Answers every try to open a dispute with a 500 while `failing`, recording each try's Idempotency-Key. */
    function failOpening(options: { reachFirst: boolean }): { keys: string[]; stop(): void } {
      const keys: string[] = [];
      let failing = true;
      worker.use(
        http.post(`${API_BASE}/orders/:orderId/dispute`, async ({ request }) => {
          keys.push(request.headers.get('Idempotency-Key') ?? '');
          if (!failing) return undefined;
          // The first try reaches the backend, which opens the dispute; its answer is lost on the way back.
          if (options.reachFirst && keys.length === 1) await backend.backend.handle(request.clone());
          return new HttpResponse(JSON.stringify({ type: 'urn:amicable:problem:internal', title: 'Internal error', status: 500 }), {
            status: 500,
            headers: { 'Content-Type': 'application/problem+json' },
          });
        }),
      );
      return { keys, stop: () => void (failing = false) };
    }

    const SERVER_ERROR = 'Something went wrong on our side. Try again in a moment.';

    it('survives a failed submission and a reload after it', async () => {
      const fault = failOpening({ reachFirst: false });
      const first = await started(await opener(backend));
      await walkToProposals(first);
      await click(first, 'Next', 'Check and send');
      const errors: string[] = [];
      first.addEventListener('amicable-error', (event) => errors.push(event.detail.message));
      button(first, 'Send to the seller').click();
      await untilHeading(first, 'Your case was not sent');
      expect(root(first).activeElement).to.equal($(first, '[part~="step-heading"]'));
      expect(text($(first, '.alert'))).to.contain(SERVER_ERROR);
      expect(errors).to.deep.equal([SERVER_ERROR]);
      await waitUntil(() => announced(first) === SERVER_ERROR, 'the error read out');
      await expect(first).to.be.accessible();

      fixtureCleanup();
      const again = await opener(backend);
      await untilHeading(again, 'Your case was not sent');
      expect(text($(again, '[part~="review"]'))).to.contain('Partial refund of €20.00');
      expect($<HTMLImageElement>(again, '[part~="review"] img')?.alt).to.equal('crack.png');
      await click(again, 'Edit: Solution', 'What would you like the seller to do?');
      expect($<HTMLInputElement>(again, '#amount')?.value).to.equal('20.00');
      await click(again, 'Next', 'Check and send');
      fault.stop();
      const created = oneEvent(again, 'amicable-dispute-created');
      button(again, 'Send to the seller').click();
      const { detail } = await created;
      expect(detail.dispute.proposals).to.have.length(2);
      expect(Object.keys(localStorage)).to.deep.equal([]);
    });

    it('retries a failed submission with the same Idempotency-Key, opening one dispute', async () => {
      const fault = failOpening({ reachFirst: true });
      const el = await started(await opener(backend));
      await walkToProposals(el);
      await click(el, 'Next', 'Check and send');
      button(el, 'Send to the seller').click();
      await untilHeading(el, 'Your case was not sent');
      const opened = await backend.client('buyer').getDispute(EUR_ORDER);
      fault.stop();
      const created = oneEvent(el, 'amicable-dispute-created');
      button(el, 'Try again').click();
      const { detail } = await created;
      expect(fault.keys.length).to.be.greaterThan(1);
      expect(new Set(fault.keys).size, fault.keys.join(', ')).to.equal(1);
      // The retry got the answer to the first try: the dispute the backend opened then.
      expect(detail.dispute.id).to.equal(opened.id);
    });

    it('keeps the nested uploader in the scheme the host forces', async () => {
      const el = await started(
        await fixture<DisputeOpener>(html`<dispute-opener theme="dark" order-id=${EUR_ORDER} locale="en" .client=${backend.client('buyer')}></dispute-opener>`),
      );
      await click(el, 'It arrived damaged', 'Describe the problem');
      await typeInto(el, 'textarea', DAMAGED_TEXT);
      await click(el, 'Next', 'Add photos');
      const uploader = $(el, '[part~="uploader"]') as HTMLElement;
      expect(uploader.getAttribute('theme')).to.equal('dark');
      expect(getComputedStyle(uploader).colorScheme).to.equal('dark');
    });

    it('gives up a draft made on another version of the tree', async () => {
      const first = await started(await opener(backend));
      await click(first, 'It arrived damaged', 'Describe the problem');
      const [key] = Object.keys(localStorage);
      const draft = JSON.parse(localStorage.getItem(key as string) as string) as { snapshot: { context: { tree: { version: number } } } };
      draft.snapshot.context.tree.version = 7;
      localStorage.setItem(key as string, JSON.stringify(draft));
      fixtureCleanup();
      await started(await opener(backend));
    });

    it('starts over when the stored draft was tampered with, instead of breaking', async () => {
      const first = await started(await opener(backend));
      await click(first, 'It arrived damaged', 'Describe the problem');
      const [key] = Object.keys(localStorage);
      const draft = JSON.parse(localStorage.getItem(key as string) as string) as { snapshot: { context: Record<string, unknown> } };
      draft.snapshot.context['description'] = 42;
      draft.snapshot.context['proposals'] = [{ type: 'partial_refund', amount: { amount: 12.5, currency: 'EUR' } }];
      localStorage.setItem(key as string, JSON.stringify(draft));
      fixtureCleanup();
      await started(await opener(backend));
    });
  });

  describe('the dispute', () => {
    async function openDispute(): Promise<Dispute> {
      return backend.client('buyer').openDispute(EUR_ORDER, {
        orderId: EUR_ORDER,
        treeId: 'physical-goods',
        treeVersion: 1,
        path: [{ nodeId: 'what-went-wrong', optionId: 'missing-parts' }],
        outcomeId: 'missing-parts',
        description: 'The filter holder was not in the box.',
        photoIds: [],
        proposals: [{ type: 'partial_refund', amount: { amount: 915, currency: 'EUR' } }, { type: 'replacement' }],
      });
    }

    it('drops the answer to a buyer\'s action that comes after the element moved to another order', async () => {
      await openDispute();
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      worker.use(
        http.post(`${API_BASE}/orders/:orderId/dispute/withdrawal`, async ({ request }) => {
          await held;
          return backend.backend.handle(request.clone());
        }),
      );
      const el = await opener(backend);
      await waitUntil(() => headlineOf(el) !== '', 'the status');
      const events: string[] = [];
      el.addEventListener('amicable-dispute-withdrawn', (event) => events.push(event.type));
      button(el, 'Withdraw the dispute').click();
      await el.updateComplete;
      button(el, 'Yes, withdraw').click();
      el.orderId = JPY_ORDER;
      await untilHeading(el, 'What went wrong with your order?');
      const answered = new Promise<void>((resolve) => {
        worker.events.on('response:mocked', ({ request }) => {
          if (request.url.endsWith('/withdrawal')) resolve();
        });
      });
      release();
      await answered;
      // The client reads and checks the answer before the element gets it; let that run out.
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
      await el.updateComplete;
      worker.events.removeAllListeners('response:mocked');
      expect((await backend.client('buyer').getDispute(EUR_ORDER)).status).to.equal('withdrawn');
      expect(heading(el)).to.equal('What went wrong with your order?');
      expect(el.getAttribute('dispute-id') ?? '').to.equal('');
      expect(events).to.deep.equal([]);
    });

    it('shows an existing dispute and the seller’s counter-offer as it comes, without a reload', async () => {
      await openDispute();
      const events: string[] = [];
      const record = (event: Event): void => void events.push(event.type);
      for (const type of ['amicable-proposal-accepted', 'amicable-proposal-countered', 'amicable-proposal-rejected', 'amicable-dispute-escalated']) {
        document.addEventListener(type, record);
      }
      try {
        // The watch reads the dispute, handles the answer, then listens to the event stream (or reads again).
        let reads = 0;
        worker.use(
          http.get(`${API_BASE}/orders/:orderId/dispute`, () => void (reads += 1)),
          http.get(`${API_BASE}/orders/:orderId/dispute/events`, () => void (reads += 1)),
        );
        const el = await opener(backend);
        await waitUntil(() => headlineOf(el) !== '', 'the status');
        const before = headlineOf(el);
        await waitUntil(() => reads > 1, 'the watch’s first read, handled');
        expect(events, 'nothing is fired for what was already there').to.deep.equal([]);
        // The status was there on load: focus stays where the page has it.
        expect(root(el).activeElement).to.equal(null);
        await expect(el).to.be.accessible();

        const countered = oneEvent(el, 'amicable-proposal-countered');
        await backend.client('seller').respond(EUR_ORDER, { kind: 'counter', resolution: { type: 'partial_refund', amount: { amount: 700, currency: 'EUR' } } });
        const { detail } = await countered;
        expect(detail.resolution).to.deep.equal({ type: 'partial_refund', amount: { amount: 700, currency: 'EUR' } });
        await waitUntil(() => headlineOf(el) !== before, 'the new status');
        expect(text($(el, '[part~="counter-offer"]'))).to.contain('€7.00');
        expect(events).to.deep.equal(['amicable-proposal-countered']);
        await waitUntil(() => announced(el) === 'This case was updated.');
        await expect(el).to.be.accessible();
      } finally {
        for (const type of ['amicable-proposal-accepted', 'amicable-proposal-countered', 'amicable-proposal-rejected', 'amicable-dispute-escalated']) {
          document.removeEventListener(type, record);
        }
      }
    });

    it('tells the host when the seller accepts', async () => {
      const dispute = await openDispute();
      const el = await opener(backend);
      await waitUntil(() => headlineOf(el) !== '', 'the status');
      const accepted = oneEvent(el, 'amicable-proposal-accepted');
      await backend.client('seller').respond(EUR_ORDER, { kind: 'accept', proposalId: dispute.proposals[1]?.id as string });
      const { detail } = await accepted;
      expect(detail.by).to.equal('seller');
      expect(detail.resolution).to.deep.equal({ type: 'replacement' });
    });

    it('tells the host when the seller rejects, and that the case went to support', async () => {
      await openDispute();
      const el = await opener(backend);
      await waitUntil(() => headlineOf(el) !== '', 'the status');
      const rejected = oneEvent(el, 'amicable-proposal-rejected');
      const escalated = oneEvent(el, 'amicable-dispute-escalated');
      await backend.client('seller').respond(EUR_ORDER, { kind: 'reject', reason: 'The filter holder was in the box.' });
      const { detail } = await rejected;
      expect(detail).to.include({ by: 'seller', reason: 'The filter holder was in the box.' });
      expect((await escalated).detail.dispute.status).to.equal('escalated');
    });

    it('tells the host when the seller’s time ran out and the case went to support', async () => {
      await openDispute();
      const el = await opener(backend);
      await waitUntil(() => headlineOf(el) !== '', 'the status');
      const escalated = oneEvent(el, 'amicable-dispute-escalated');
      await backend.advance(73 * 3_600_000);
      const { detail } = await escalated;
      expect(detail.dispute.escalation).to.include({ by: 'system', cause: 'seller_deadline' });
    });

    it('lets the buyer accept a counter-offer that came after they opened the dispute', async () => {
      const el = await started(await opener(backend));
      await click(el, 'Parts are missing', 'Describe the problem');
      await typeInto(el, 'textarea', 'The filter holder was not in the box.');
      await click(el, 'Next', 'Add photos');
      await click(el, 'Next', 'What would you like the seller to do?');
      checkbox(el, 'Replacement').click();
      await click(el, 'Next', 'Check and send');
      const created = oneEvent(el, 'amicable-dispute-created');
      button(el, 'Send to the seller').click();
      await created;
      const countered = oneEvent(el, 'amicable-proposal-countered');
      await backend.client('seller').respond(EUR_ORDER, { kind: 'counter', resolution: { type: 'partial_refund', amount: { amount: 600, currency: 'EUR' } } });
      await countered;
      await el.updateComplete;
      expect(text($(el, '[part~="counter-offer"]'))).to.contain('€6.00');
      await click(el, 'Accept the counter-offer');
      const accepted = oneEvent(el, 'amicable-proposal-accepted');
      await click(el, 'Yes, accept');
      const { detail } = await accepted;
      expect(detail).to.include({ by: 'buyer' });
      expect(detail.dispute.settlement?.refund).to.deep.equal({ amount: 600, currency: 'EUR' });
      await waitUntil(() => text($(el, '[part~="settlement"]')).includes('€6.00'), 'the settlement');
    });
  });

  describe('money in other currencies', () => {
    it('takes whole yen, with no decimals', async () => {
      const el = await started(await opener(backend, JPY_ORDER));
      await click(el, 'Parts are missing', 'Describe the problem');
      await typeInto(el, 'textarea', 'The lid of the kettle was missing.');
      await click(el, 'Next', 'Add photos');
      await click(el, 'Next', 'What would you like the seller to do?');
      checkbox(el, 'Partial refund').click();
      await el.updateComplete;
      expect($<HTMLInputElement>(el, '#amount')?.value).to.equal('1920');
      expect(text($(el, '#amount-hint'))).to.equal('Between ¥640 and ¥5,120. Suggested: ¥1,920.');
      await typeInto(el, '#amount', '1500.5', true);
      expect(text($(el, '#amount-error'))).to.equal('Enter a whole amount in numbers, without decimals, such as 1920.');
      await typeInto(el, '#amount', '639', true);
      expect(text($(el, '#amount-error'))).to.equal('Enter at least ¥640.');
      await typeInto(el, '#amount', '1500', true);
      await click(el, 'Next', 'Check and send');
      expect(text($(el, '[part~="review"]'))).to.contain('Partial refund of ¥1,500');
      const created = oneEvent(el, 'amicable-dispute-created');
      button(el, 'Send to the seller').click();
      const { detail } = await created;
      expect(detail.dispute.proposals[0]?.resolution).to.deep.equal({ type: 'partial_refund', amount: { amount: 1500, currency: 'JPY' } });
    });

    it('takes Kuwaiti dinars to three decimals', async () => {
      const el = await started(await opener(backend, KWD_ORDER), 'What went wrong with the service?');
      await click(el, 'It was done late', 'Describe the problem');
      await typeInto(el, 'textarea', 'The technicians came two days after the agreed date.');
      await click(el, 'Next', 'Add photos');
      await click(el, 'Next', 'What would you like the seller to do?');
      checkbox(el, 'Partial refund').click();
      await el.updateComplete;
      // 10 % of KWD 32.750.
      expect($<HTMLInputElement>(el, '#amount')?.value).to.equal('3.275');
      await typeInto(el, '#amount', '5.1255', true);
      expect(text($(el, '#amount-error'))).to.equal('Enter the amount in numbers, with at most 3 decimals, such as 3.275.');
      await typeInto(el, '#amount', '9.826', true);
      expect(text($(el, '#amount-error'))).to.match(/^Enter at most KWD\s9\.825\.$/);
      await typeInto(el, '#amount', '5.125', true);
      await click(el, 'Next', 'Check and send');
      const created = oneEvent(el, 'amicable-dispute-created');
      button(el, 'Send to the seller').click();
      const { detail } = await created;
      expect(detail.dispute.proposals[0]?.resolution).to.deep.equal({ type: 'partial_refund', amount: { amount: 5125, currency: 'KWD' } });
    });
  });

  describe('languages and layout', () => {
    it('speaks Dutch with locale="nl"', async () => {
      const el = await opener(backend, EUR_ORDER, 'nl');
      await untilHeading(el, 'Wat is er misgegaan met je bestelling?');
      await waitUntil(() => currentStep(el) === 'Wat er gebeurde', `Dutch progress, saw "${currentStep(el)}"`);
      expect($(el, '[part~="base"]')?.getAttribute('lang')).to.equal('nl');
      await click(el, 'Het is beschadigd aangekomen', 'Beschrijf het probleem');
      expect(text($(el, '#count'))).to.equal('Nog 2000 tekens');
      expect(button(el, 'Volgende')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('lays out right to left with locale="ar"', async () => {
      const el = await opener(backend, EUR_ORDER, 'ar');
      await waitUntil(() => $(el, '[part~="step-heading"]'), 'the first question');
      const base = $(el, '[part~="base"]') as HTMLElement;
      expect(base.getAttribute('dir')).to.equal('rtl');
      expect(base.getAttribute('lang')).to.equal('ar');
      await waitUntil(() => currentStep(el) === 'ما الذي حدث', `Arabic progress, saw "${currentStep(el)}"`);
      // The tree has no Arabic: its English texts stand in, marked as English for screen readers.
      expect($(el, '[part~="step-heading"] [lang="en"]')?.textContent).to.equal('What went wrong with your order?');
      expect($(el, '[part~="option"] [lang="en"]')).not.to.equal(null);
      button(el, 'It arrived damaged').click();
      await waitUntil(() => $(el, '[part~="next-button"]'), 'the description step');
      await el.updateComplete;
      const next = ($(el, '[part~="next-button"]') as HTMLElement).getBoundingClientRect();
      const back = ($(el, '[part~="back-button"]') as HTMLElement).getBoundingClientRect();
      // The primary button sits at the end of the line, which is the left in Arabic.
      expect(next.left).to.be.lessThan(back.left);
      await expect(el).to.be.accessible();
    });

    it('fits 320 px without scrolling sideways', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <dispute-opener order-id=${EUR_ORDER} locale="en" .client=${backend.client('buyer')}></dispute-opener>
      </div>`);
      const el = wrapper.querySelector('dispute-opener') as DisputeOpener;
      await started(el);
      const fits = (step: string): void => {
        const base = $(el, '[part~="base"]') as HTMLElement;
        expect(base.scrollWidth, step).to.be.at.most(320);
        expect(el.scrollWidth, step).to.be.at.most(320);
        for (const part of root(el).querySelectorAll<HTMLElement>('[part]')) {
          expect(part.getBoundingClientRect().right, `${step}: ${part.getAttribute('part')}`).to.be.at.most(wrapper.getBoundingClientRect().right + 0.5);
        }
      };
      fits('question');
      await click(el, 'It arrived damaged', 'Describe the problem');
      fits('describe');
      await typeInto(el, 'textarea', DAMAGED_TEXT);
      await click(el, 'Next', 'Add photos');
      await addPhoto(el, 'crack.png');
      fits('evidence');
      await click(el, 'Next', 'What would you like the seller to do?');
      checkbox(el, 'Partial refund').click();
      await el.updateComplete;
      fits('propose');
      await click(el, 'Next', 'Check and send');
      fits('review');
      const created = oneEvent(el, 'amicable-dispute-created');
      button(el, 'Send to the seller').click();
      await created;
      await waitUntil(() => headlineOf(el) !== '');
      fits('dispute');
    });
  });
});
