import { createClient, type MediationClient } from '@amicable/client';
import { formatMoney, ProblemType, type Dispute, type Money, type OpenDisputeRequest, type Resolution } from '@amicable/protocol';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../test-support/wait.test-support.js';
import { sendKeys, setViewport } from '@web/test-runner-commands';
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
import { openParcelLost } from '../dispute-status/dispute-scenarios.test-support.js';
import type { AmicableErrorEvent } from '../events/amicable-error.js';
import type { ProposalPicker } from './proposal-picker.component.js';
import './proposal-picker.define.js';

const HOUR = 3_600_000;
const RESPONSE_URL = `${API_BASE}/orders/:orderId/dispute/response`;
const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
const partial = (amount: Money): Resolution => ({ type: 'partial_refund', amount });
const money = (amount: number, currency: string): string => formatMoney({ amount, currency }, 'en');
const REASON = 'The carafe left our workshop intact; the carrier has the photos of the parcel.';

async function jpeg(): Promise<Blob> {
  const canvas = new OffscreenCanvas(64, 48);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2d context');
  context.fillStyle = '#c63';
  context.fillRect(0, 0, 64, 48);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
}

/** What the buyer sends for a carafe damaged in transit (10-50 % partial refund, counter-offers allowed). */
function damaged(orderId: string, photoIds: string[], proposals: Resolution[]): OpenDisputeRequest {
  return {
    orderId,
    treeId: 'physical-goods',
    treeVersion: 1,
    path: [{ nodeId: 'what-went-wrong', optionId: 'damaged' }],
    outcomeId: 'damaged-in-transit',
    description: 'The carafe arrived with a crack along the handle.\nThe box was crushed.',
    photoIds,
    proposals,
  };
}

/** The buyer uploads `photos` photos and opens the dispute. */
async function openCase(t: TestBackend, orderId: string, proposals: Resolution[], photos = 1, via: 'multipart' | 'presigned' = 'multipart'): Promise<Dispute> {
  const buyer = t.client('buyer');
  const ids: string[] = [];
  for (let n = 0; n < photos; n++) ids.push((await buyer.uploadPhoto(orderId, await jpeg(), { via })).id);
  return buyer.openDispute(orderId, damaged(orderId, ids, proposals));
}

/** `client`, recording each watch it starts (and whether it was stopped) and each answer it sends. */
function recording(client: MediationClient): { client: MediationClient; watches: { orderId: string; stopped: boolean }[]; answers: Promise<Dispute>[] } {
  const watches: { orderId: string; stopped: boolean }[] = [];
  const answers: Promise<Dispute>[] = [];
  const wrapped: MediationClient = {
    ...client,
    watchDispute(orderId, options) {
      const record = { orderId, stopped: false };
      watches.push(record);
      const watch = client.watchDispute(orderId, options);
      return { done: watch.done, stop: () => ((record.stopped = true), watch.stop()) };
    },
    respond(orderId, response, options) {
      const answer = client.respond(orderId, response, options);
      answers.push(answer);
      return answer;
    },
  };
  return { client: wrapped, watches, answers };
}

/** The seller's picker, with a token callback and the API's address, as a script-tag page has it. */
async function mount(t: TestBackend, orderId: string, options: { locale?: string; client?: MediationClient } = {}): Promise<ProposalPicker> {
  const el = await fixture<ProposalPicker>(html`<proposal-picker order-id=${orderId} api-base=${API_BASE}
    locale=${options.locale ?? 'en'} .getToken=${t.tokenFor('seller')} .client=${options.client}></proposal-picker>`);
  await waitUntil(() => heading(el) !== undefined || part(el, 'headline') !== null, 'the picker shows a step', { timeout: 10_000 });
  return el;
}

const root = (el: ProposalPicker): ShadowRoot => el.shadowRoot as ShadowRoot;
const part = (el: ProposalPicker, name: string): HTMLElement | null => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: ProposalPicker, name: string): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const heading = (el: ProposalPicker): string | undefined => part(el, 'step-heading')?.textContent?.trim();
/** The text of `node` as read, without the line breaks and indentation of the template (a no-break space stays). */
const text = (node: Element | null): string => (node?.textContent ?? '').replace(/[ \n]+/g, ' ').trim();
/** The text of each paragraph (or other child) of `node`. */
const lines = (node: Element | null): string[] => [...(node?.children ?? [])].map(text);
const announced = (el: ProposalPicker): string => text(root(el).querySelector('[role="status"]'));

/** Waits until the step titled `title` is shown and its heading has focus. */
async function atStep(el: ProposalPicker, title: string): Promise<void> {
  await waitUntil(() => heading(el) === title, `the step "${title}" (now "${heading(el)}")`, { timeout: 10_000 });
  await waitUntil(() => root(el).activeElement === part(el, 'step-heading'), `focus on the heading of "${title}"`);
}

/** Presses Tab until the focused element in the picker is one of part `name` (the `index`-th). */
async function tabTo(el: ProposalPicker, name: string, index = 0): Promise<HTMLElement> {
  for (let presses = 0; presses < 40; presses++) {
    const target = parts(el, name)[index];
    if (target !== undefined && root(el).activeElement === target) return target;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${name}`);
}

async function press(el: ProposalPicker, name: string, key = 'Enter', index = 0): Promise<void> {
  await tabTo(el, name, index);
  await sendKeys({ press: key });
}

/** Replaces the focused field's text by typing. */
async function retype(value: string): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'a' });
  await sendKeys({ up: 'Control' });
  await sendKeys({ press: 'Backspace' });
  if (value !== '') await sendKeys({ type: value });
}

describe('<proposal-picker>', () => {
  before(startWorker);
  afterEach(() => setViewport({ width: 800, height: 600 }));

  describe('the buyer\'s case', () => {
    it('shows the order, the answers as the tree words them, the problem, the buyer\'s words with their line breaks, and the photos', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))], 2);
      const el = await mount(t, EUR_ORDER);

      expect(text(part(el, 'order'))).to.include('Stoneware pour-over coffee set').and.include('€61.00').and.include('Anna de Vries').and.include('Damaged in transit');
      expect(text(part(el, 'answers'))).to.equal('What went wrong with your order?It arrived damaged');
      const description = part(el, 'description');
      expect(description?.textContent).to.equal('The carafe arrived with a crack along the handle.\nThe box was crushed.');
      expect(getComputedStyle(description as HTMLElement).whiteSpace).to.equal('pre-wrap');
      const thumbnails = parts(el, 'photo');
      expect(thumbnails.map((b) => b.querySelector('img')?.alt)).to.deep.equal(['Photo 1 of 2', 'Photo 2 of 2']);
      await waitUntil(() => thumbnails.every((b) => (b.querySelector('img') as HTMLImageElement).naturalWidth === 64), 'the photos load');
      await expect(el).to.be.accessible();
    });

    it('lists each proposal with its split of the price, and the seller\'s deadline with what happens if they do not answer', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220)), { type: 'replacement' }]);
      const el = await mount(t, EUR_ORDER);

      const proposals = parts(el, 'proposal');
      expect(proposals.map((p) => text(p.querySelector('strong')))).to.deep.equal(['Partial refund of €12.20', 'Replacement']);
      expect(parts(el, 'split').map(text)).to.deep.equal([
        'You receive €48.80; Anna de Vries is refunded €12.20.',
        'You receive €61.00; nothing is refunded to Anna de Vries.',
      ]);
      expect(parts(el, 'accept-button')).to.have.length(2);
      const deadline = part(el, 'deadline') as HTMLElement;
      expect(deadline.querySelector('time')?.getAttribute('datetime')).to.equal('2026-11-29T09:00:00.000Z');
      expect(text(deadline)).to.include('If nobody answers by then, the case goes to support.');
      expect(part(el, 'counter-button')).to.not.equal(null);
    });

    it('says when the seller\'s silence accepts the buyer\'s first proposal, and offers no counter-offer where the outcome allows none', async () => {
      const t = await serveReferenceBackend();
      await openParcelLost(t);
      const el = await mount(t, EUR_ORDER);

      expect(text(part(el, 'deadline'))).to.include('If you do not answer by then, the buyer’s first proposal is accepted: Full refund of €61.00.');
      expect(part(el, 'counter-button')).to.equal(null);
      expect(text(part(el, 'answers'))).to.equal('What went wrong with your order?My order hasn’t arrivedWhat does the tracking say?It hasn’t been delivered');
      expect(text(part(el, 'evidence'))).to.include('The buyer added no description.');
      await expect(el).to.be.accessible();
    });

    it('says calmly that there is nothing to answer when the order has no dispute', async () => {
      const t = await serveReferenceBackend();
      const el = await fixture<ProposalPicker>(html`<proposal-picker locale="en" order-id=${EUR_ORDER} api-base=${API_BASE} .getToken=${t.tokenFor('seller')}></proposal-picker>`);
      await waitUntil(() => text(part(el, 'base')).includes('There is no dispute on this order.'), 'the no-dispute message');
      await expect(el).to.be.accessible();
    });

    it('tells a buyer who opens it that it is the seller\'s view', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await fixture<ProposalPicker>(html`<proposal-picker locale="en" order-id=${EUR_ORDER} api-base=${API_BASE} .getToken=${t.tokenFor('buyer')}></proposal-picker>`);
      await waitUntil(() => text(part(el, 'base')) === 'This view is for the seller of the order.', 'the message for the buyer');
      expect(part(el, 'evidence')).to.equal(null);
    });

    it('says it is not set up without an order id or a way to reach the backend', async () => {
      const el = await fixture<ProposalPicker>(html`<proposal-picker></proposal-picker>`);
      expect(text(part(el, 'error'))).to.equal('This widget is not set up: it needs an order id and an API address or client.');
    });

    it('reports a failed load in the seller\'s words and loads again on retry', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      let down = true;
      worker.use(
        http.get(`${API_BASE}/orders/:orderId/context`, () => {
          if (down) return HttpResponse.json({ type: ProblemType.internal, title: 'Down', status: 500 }, { status: 500, headers: { 'content-type': 'application/problem+json' } });
          return undefined;
        }),
      );
      const client = createClient({ baseUrl: API_BASE, getToken: t.tokenFor('seller'), retry: { attempts: 1 } });
      const el = await fixture<ProposalPicker>(html`<proposal-picker locale="en" order-id=${EUR_ORDER} .client=${client}></proposal-picker>`);
      const error = await oneEvent(el, 'amicable-error');
      expect(error.detail.message).to.equal('Something went wrong on our side. Try again in a moment.');
      await waitUntil(() => text(part(el, 'error')).includes(error.detail.message), `the message is shown, not ${text(part(el, 'base'))}`);
      await waitUntil(() => announced(el) === error.detail.message, `announced: '${error.detail.message}', not ${announced(el)}`);
      await expect(el).to.be.accessible();
      // The message is worded from the failure, so it follows the seller's language.
      el.locale = 'nl';
      await waitUntil(() => text(part(el, 'error')).includes('Er ging bij ons iets mis. Probeer het zo opnieuw.'), `in Dutch, not ${text(part(el, 'error'))}`);
      el.locale = 'en';

      down = false;
      await press(el, 'retry-button');
      await waitUntil(() => heading(el) === 'Your answer', 'the case loads');
    });
  });

  describe('the photo viewer', () => {
    it('opens from a thumbnail by keyboard, steps with the arrow keys and buttons, and gives focus back on Escape', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))], 2);
      const el = await mount(t, EUR_ORDER);
      const dialog = root(el).querySelector('dialog') as HTMLDialogElement;
      // The visible caption, announced politely as it changes; the photo's text says the same.
      const shown = (): string => {
        const caption = text(part(el, 'viewer-caption'));
        return dialog.querySelector('img')?.alt === caption ? caption : `caption "${caption}" differs from the photo's text`;
      };

      const thumbnail = await tabTo(el, 'photo', 0);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog.open && dialog.contains(root(el).activeElement), 'the viewer opens with focus inside');
      expect(dialog.getAttribute('part')).to.equal('viewer');
      expect(dialog.matches(':modal')).to.equal(true);
      expect(shown()).to.equal('Photo 1 of 2');
      expect(part(el, 'viewer-caption')?.getAttribute('aria-live')).to.equal('polite');
      expect(dialog.contains(part(el, 'viewer-caption'))).to.equal(true);
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => shown() === 'Photo 2 of 2', 'ArrowRight shows the next photo');
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => shown() === 'Photo 1 of 2', 'past the last photo comes the first');
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => shown() === 'Photo 2 of 2', 'ArrowLeft shows the previous photo');
      const previous = [...dialog.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Previous photo') as HTMLButtonElement;
      previous.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => shown() === 'Photo 1 of 2', 'the previous button');

      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog.open, 'Escape closes the viewer');
      await waitUntil(() => root(el).activeElement === thumbnail, 'focus is back on the thumbnail');
    });

    it('closes with its close button, focus going back to the thumbnail that opened it', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))], 2);
      const el = await mount(t, EUR_ORDER);
      const dialog = root(el).querySelector('dialog') as HTMLDialogElement;

      const second = await tabTo(el, 'photo', 1);
      await sendKeys({ press: 'Space' });
      await waitUntil(() => dialog.open, 'the viewer opens');
      expect(dialog.querySelector('img')?.alt).to.equal('Photo 2 of 2');
      expect(root(el).activeElement?.textContent?.trim()).to.equal('Close');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !dialog.open && root(el).activeElement === second, 'closed, focus on the second thumbnail');
    });
  });

  describe('accepting', () => {
    it('accepts a proposal with the keyboard alone, through a confirmation that says what will happen, and tells the host', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220)), { type: 'replacement' }]);
      const el = await mount(t, EUR_ORDER);
      await expect(el).to.be.accessible();

      await press(el, 'accept-button', 'Enter', 0);
      await atStep(el, 'Check your answer');
      expect(lines(part(el, 'summary'))).to.deep.equal([
        'You accept the buyer’s proposal: Partial refund of €12.20.',
        'You receive €48.80; Anna de Vries is refunded €12.20.',
        'This is final: once you confirm, the refund and your payout follow.',
      ]);
      expect(text(part(el, 'confirm-button'))).to.equal('Accept and settle');
      await expect(el).to.be.accessible();

      // Back returns to the proposals, where another one can be chosen.
      await press(el, 'back-button');
      await atStep(el, 'Your answer');
      await press(el, 'accept-button', 'Space', 1);
      await atStep(el, 'Check your answer');
      expect(text(part(el, 'summary'))).to.include('You accept the buyer’s proposal: Replacement.');
      await press(el, 'back-button');
      await atStep(el, 'Your answer');
      await press(el, 'accept-button', 'Enter', 0);
      await atStep(el, 'Check your answer');

      // The answer is held on its way, to see the sending step.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      worker.use(http.post(RESPONSE_URL, async () => {
        await held;
        return undefined;
      }));
      const accepted = oneEvent(el, 'amicable-proposal-accepted');
      await press(el, 'confirm-button');
      await atStep(el, 'Sending your answer…');
      await expect(el).to.be.accessible();
      release();

      const { detail } = await accepted;
      expect(detail.by).to.equal('seller');
      expect(detail.resolution).to.deep.equal(partial(eur(1220)));
      expect(detail.dispute.settlement?.refund).to.deep.equal(eur(1220));
      await atStep(el, 'Your answer was sent');
      // Settled at once by the reference backend, which the watch may already have brought.
      expect(text(part(el, 'headline'))).to.be.oneOf(['Agreed: the payment is on its way', 'This dispute is resolved']);
      expect(text(part(el, 'settlement'))).to.include('You receive €48.80; Anna de Vries is refunded €12.20.');
      await expect(el).to.be.accessible();
      expect((await t.client('seller').getDispute(EUR_ORDER)).sellerResponse).to.deep.equal({ kind: 'accept', proposalId: detail.dispute.proposals[0]?.id });
    });

    it('shows a failed send in the seller\'s words, and a retry sends the same answer with the same Idempotency-Key, counted once', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const keys: (string | null)[] = [];
      let failing = true;
      worker.use(
        http.post(RESPONSE_URL, ({ request }) => {
          keys.push(request.headers.get('Idempotency-Key'));
          if (failing) return HttpResponse.json({ type: ProblemType.internal, title: 'Down', status: 500 }, { status: 500, headers: { 'content-type': 'application/problem+json' } });
          return undefined;
        }),
      );
      const client = createClient({ baseUrl: API_BASE, getToken: t.tokenFor('seller'), retry: { attempts: 1 } });
      const el = await mount(t, EUR_ORDER, { client });

      await press(el, 'accept-button');
      await atStep(el, 'Check your answer');
      const reported = oneEvent(el, 'amicable-error');
      await press(el, 'confirm-button');
      await atStep(el, 'Your answer was not sent');
      expect((await reported).detail.message).to.equal('Something went wrong on our side. Try again in a moment.');
      expect(text(part(el, 'error'))).to.equal('Something went wrong on our side. Try again in a moment.');
      await waitUntil(() => announced(el) === 'Something went wrong on our side. Try again in a moment.', `announced: 'Something went wrong on our side. Try again in a moment.', not ${announced(el)}`);
      expect(text(part(el, 'summary'))).to.include('Partial refund of €12.20');
      await expect(el).to.be.accessible();
      el.locale = 'nl';
      await waitUntil(() => text(part(el, 'error')) === 'Er ging bij ons iets mis. Probeer het zo opnieuw.', `in Dutch, not ${text(part(el, 'error'))}`);
      el.locale = 'en';
      await waitUntil(() => heading(el) === 'Your answer was not sent', 'back in English');

      failing = false;
      const accepted = oneEvent(el, 'amicable-proposal-accepted');
      await press(el, 'retry-button');
      await accepted;
      await atStep(el, 'Your answer was sent');
      expect(keys).to.have.length(2);
      expect(keys[0]).to.be.a('string').and.not.equal('');
      expect(keys[1]).to.equal(keys[0]);
      const dispute = await t.client('seller').getDispute(EUR_ORDER);
      expect(dispute.timeline.filter((entry) => entry.type === 'accepted')).to.have.length(1);
    });
  });

  describe('countering', () => {
    it('sends a counter-offer with the keyboard alone: an amount typed in euros, its split, a message, a confirmation', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await mount(t, EUR_ORDER);

      await press(el, 'counter-button');
      await atStep(el, 'Make a counter-offer');
      expect(text(part(el, 'response'))).to.include('The buyer has 48 hours to accept or reject it');
      const amount = part(el, 'amount') as HTMLInputElement;
      // Halfway between the minimum (10 % = €6.10) and the buyer's €12.20.
      expect(amount.value).to.equal('9.15');
      expect(text(root(el).querySelector('#counter-bounds'))).to.equal('Between €6.10 and €30.50.');
      expect(text(part(el, 'split'))).to.equal('You receive €51.85; Anna de Vries is refunded €9.15.');
      await expect(el).to.be.accessible();

      await tabTo(el, 'amount');
      await retype('15');
      await waitUntil(() => text(part(el, 'split')) === 'You receive €46.00; Anna de Vries is refunded €15.00.', 'the split follows the amount');
      await tabTo(el, 'message');
      await sendKeys({ type: 'Would 15 euros work?' });
      await press(el, 'continue-button');
      await atStep(el, 'Check your answer');
      expect(lines(part(el, 'summary'))).to.deep.equal([
        'You offer the buyer: Partial refund of €15.00.',
        'If the buyer accepts it:',
        'You receive €46.00; Anna de Vries is refunded €15.00.',
        'Message:',
        'Would 15 euros work?',
        'This is your only counter-offer.',
      ]);
      await expect(el).to.be.accessible();

      const countered = oneEvent(el, 'amicable-proposal-countered');
      await press(el, 'confirm-button');
      const { detail } = await countered;
      expect(detail.resolution).to.deep.equal(partial(eur(1500)));
      expect(detail.dispute.counterOffer?.message).to.equal('Would 15 euros work?');
      await atStep(el, 'Your answer was sent');
      expect(text(part(el, 'headline'))).to.equal('Waiting for Anna de Vries to answer your counter-offer');
      await expect(el).to.be.accessible();
    });

    it('ties an amount outside the bounds, not an amount, or the buyer\'s own proposal to the field, and announces it', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await mount(t, EUR_ORDER);
      await press(el, 'counter-button');
      await atStep(el, 'Make a counter-offer');
      const amount = await tabTo(el, 'amount');

      const cases: [string, string][] = [
        ['40', 'The refund can be at most €30.50.'],
        ['6.09', 'The refund must be at least €6.10.'],
        ['12.345', 'Enter an amount such as 6.10.'],
        ['ten', 'Enter an amount such as 6.10.'],
        ['12.20', 'The buyer proposed exactly this. Accept their proposal instead, or offer something else.'],
      ];
      for (const [typed, message] of cases) {
        await retype(typed);
        await waitUntil(() => text(root(el).querySelector('#counter-error')) === message, `"${typed}": ${message}`);
        expect(amount.getAttribute('aria-invalid'), typed).to.equal('true');
        expect(amount.getAttribute('aria-describedby'), typed).to.include('counter-error');
        expect(part(el, 'split'), typed).to.equal(null);
        await expect(el).to.be.accessible();
      }

      // Continuing with the error keeps the step, focus on the field, the error announced.
      await press(el, 'continue-button');
      await waitUntil(() => root(el).activeElement === amount, 'focus back on the amount');
      expect(heading(el)).to.equal('Make a counter-offer');
      await waitUntil(() => announced(el) === 'The buyer proposed exactly this. Accept their proposal instead, or offer something else.', `announced: 'The buyer proposed exactly this. Accept their proposal instead, or offer something else.', not ${announced(el)}`);

      await retype('30.50');
      await waitUntil(() => root(el).querySelector('#counter-error') === null, 'the maximum itself is fine');
      expect(amount.getAttribute('aria-invalid')).to.equal('false');
    });

    it('offers the outcome\'s other resolutions, each with its fixed terms', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await mount(t, EUR_ORDER);
      await press(el, 'counter-button');
      await atStep(el, 'Make a counter-offer');
      const select = part(el, 'counter-type') as HTMLSelectElement;
      expect([...select.options].map((o) => o.textContent?.trim())).to.deep.equal([
        'A partial refund of an amount you choose',
        'Return the item and get a full refund of €61.00 (seller pays shipping, ship within 14 days)',
        'Replacement',
      ]);

      await tabTo(el, 'counter-type');
      await sendKeys({ press: 'End' });
      await waitUntil(() => part(el, 'amount') === null && text(part(el, 'split')) === 'You receive €61.00; nothing is refunded to Anna de Vries.', 'a replacement pays the seller in full');
      await sendKeys({ press: 'Home' });
      await waitUntil(() => (part(el, 'amount') as HTMLInputElement | null)?.value === '9.15', 'back to the refund as it was');

      const countered = oneEvent(el, 'amicable-proposal-countered');
      await tabTo(el, 'counter-type');
      await sendKeys({ press: 'End' });
      await press(el, 'continue-button');
      await atStep(el, 'Check your answer');
      expect(lines(part(el, 'summary'))).to.deep.equal([
        'You offer the buyer: Replacement.',
        'If the buyer accepts it:',
        'You receive €61.00; nothing is refunded to Anna de Vries.',
        'This is your only counter-offer.',
      ]);
      await press(el, 'confirm-button');
      expect((await countered).detail.resolution).to.deep.equal({ type: 'replacement' });
    });
  });

  describe('rejecting', () => {
    it('rejects with a reason using the keyboard alone; the case goes to support and the host hears of both', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await mount(t, EUR_ORDER);

      await press(el, 'reject-button');
      await atStep(el, 'Reject the proposals');
      await expect(el).to.be.accessible();
      await tabTo(el, 'reason');
      await sendKeys({ type: REASON });
      await press(el, 'continue-button');
      await atStep(el, 'Check your answer');
      expect(lines(part(el, 'summary'))).to.deep.equal([
        'You reject the buyer’s proposals. The case goes to support, who will decide.',
        'Your reason',
        REASON,
      ]);
      expect(text(part(el, 'confirm-button'))).to.equal('Reject and send to support');
      await expect(el).to.be.accessible();

      const rejected = oneEvent(el, 'amicable-proposal-rejected');
      const escalated = oneEvent(el, 'amicable-dispute-escalated');
      let escalations = 0;
      el.addEventListener('amicable-dispute-escalated', () => escalations++);
      await press(el, 'confirm-button');
      const { detail } = await rejected;
      expect(detail).to.include({ by: 'seller', reason: REASON });
      expect((await escalated).detail.dispute.status).to.equal('escalated');
      await atStep(el, 'Your answer was sent');
      expect(text(part(el, 'headline'))).to.equal('Support is looking at this case');
      await expect(el).to.be.accessible();
      // The watch brings the escalated dispute too, then the buyer's withdrawal: still one escalation.
      await t.client('buyer').withdraw(EUR_ORDER);
      await waitUntil(() => text(part(el, 'headline')) === 'This dispute was withdrawn by Anna de Vries', 'the withdrawal shows', { timeout: 15_000 });
      expect(escalations).to.equal(1);
      // An update that ends nothing the seller was doing is said, and focus stays.
      await waitUntil(() => announced(el) === 'This case was updated.', `announced: 'This case was updated.', not ${announced(el)}`);
      expect(root(el).activeElement === part(el, 'step-heading'), 'focus stays on the heading').to.equal(true);
    });

    it('requires a reason: continuing without one (or with spaces) stays, ties the error to the field and announces it', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await mount(t, EUR_ORDER);
      await press(el, 'reject-button');
      await atStep(el, 'Reject the proposals');
      const reason = part(el, 'reason') as HTMLTextAreaElement;
      expect(reason.getAttribute('aria-invalid'), 'no error before trying').to.equal('false');

      for (const typed of ['', '   ']) {
        await tabTo(el, 'reason');
        await retype(typed);
        await press(el, 'continue-button');
        await waitUntil(() => root(el).activeElement === reason, 'focus moves to the reason');
        expect(heading(el)).to.equal('Reject the proposals');
        expect(reason.getAttribute('aria-invalid')).to.equal('true');
        expect(reason.getAttribute('aria-describedby')).to.equal('reason-error');
        expect(text(root(el).querySelector('#reason-error'))).to.equal('Enter a reason.');
        await waitUntil(() => announced(el) === 'Enter a reason.', `announced: 'Enter a reason.', not ${announced(el)}`);
        await expect(el).to.be.accessible();
      }
    });
  });

  describe('another order', () => {
    const CHANGES = ['amicable-proposal-accepted', 'amicable-proposal-countered', 'amicable-proposal-rejected', 'amicable-dispute-escalated', 'amicable-dispute-withdrawn'];

    it('stops watching the old case when order-id changes: an order without a case says so, and nothing of the old one is told', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const { client, watches } = recording(createClient({ baseUrl: API_BASE, getToken: t.tokenFor('seller') }));
      const el = await mount(t, EUR_ORDER, { client });
      await press(el, 'counter-button');
      await atStep(el, 'Make a counter-offer');
      await waitUntil(() => watches.some((w) => w.orderId === EUR_ORDER && !w.stopped), 'the case is watched');
      const told: string[] = [];
      for (const type of CHANGES) el.addEventListener(type, () => told.push(type));

      el.orderId = JPY_ORDER;
      await waitUntil(() => watches.every((w) => w.stopped), 'the old case is no longer watched');
      await waitUntil(() => text(part(el, 'base')) === 'There is no dispute on this order. Nothing needs your answer.', `no case, not ${text(part(el, 'base'))}`);
      expect(el.disputeId).to.equal('');
      expect(told).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('drops an answer still on its way for the old case, and shows the new order\'s case', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const yen = await openCase(t, JPY_ORDER, [partial({ amount: 3200, currency: 'JPY' })], 1, 'presigned');
      const { client, answers } = recording(createClient({ baseUrl: API_BASE, getToken: t.tokenFor('seller') }));
      const el = await mount(t, EUR_ORDER, { client });
      await press(el, 'accept-button');
      await atStep(el, 'Check your answer');
      let releaseAnswer!: () => void;
      let releaseContext!: () => void;
      const answerHeld = new Promise<void>((resolve) => (releaseAnswer = resolve));
      const contextHeld = new Promise<void>((resolve) => (releaseContext = resolve));
      worker.use(
        http.post(RESPONSE_URL, async () => {
          await answerHeld;
          return undefined;
        }),
        http.get(`${API_BASE}/orders/${JPY_ORDER}/context`, async () => {
          await contextHeld;
          return undefined;
        }),
      );
      const told: string[] = [];
      for (const type of CHANGES) el.addEventListener(type, () => told.push(type));
      await press(el, 'confirm-button');
      await atStep(el, 'Sending your answer…');

      el.orderId = JPY_ORDER;
      releaseAnswer();
      await Promise.allSettled(answers);
      // The old flow would have taken the answer as it settled; a task later it would have told the host.
      await new Promise((resolve) => setTimeout(resolve));
      expect(told).to.deep.equal([]);

      releaseContext();
      await waitUntil(() => heading(el) === 'Your answer', `the new case, not ${text(part(el, 'base'))}`);
      expect(text(part(el, 'order'))).to.include('Kenji Watanabe');
      expect(el.disputeId).to.equal(yen.id);
      await expect(el).to.be.accessible();
    });
  });

  describe('staying live', () => {
    it('shows the withdrawal when the buyer withdraws while the seller is writing a counter-offer', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await mount(t, EUR_ORDER);
      await press(el, 'counter-button');
      await atStep(el, 'Make a counter-offer');

      await t.client('buyer').withdraw(EUR_ORDER);
      await waitUntil(() => text(part(el, 'headline')) === 'This dispute was withdrawn by Anna de Vries', 'the withdrawal shows', { timeout: 15_000 });
      expect(part(el, 'amount')).to.equal(null);
      await waitUntil(() => root(el).activeElement === part(el, 'headline'), 'focus moves to the new headline');
      await waitUntil(() => announced(el) === 'This case was updated.', `announced: 'This case was updated.', not ${announced(el)}`);
      await expect(el).to.be.accessible();
    });

    it('moves focus to the new status when the case ends while focus is on an answer the seller has not pressed yet', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await mount(t, EUR_ORDER);
      await tabTo(el, 'accept-button');

      await t.client('buyer').withdraw(EUR_ORDER);
      await waitUntil(() => text(part(el, 'headline')) === 'This dispute was withdrawn by Anna de Vries', 'the withdrawal shows', { timeout: 15_000 });
      await waitUntil(() => root(el).activeElement === part(el, 'headline'), 'focus moves to the new headline');
    });

    it('leaves focus on a photo the seller went back to when the case ends, and says the case was updated', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await mount(t, EUR_ORDER);
      await press(el, 'counter-button');
      await atStep(el, 'Make a counter-offer');
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      const thumbnail = part(el, 'photo');
      expect(root(el).activeElement === thumbnail, 'Shift+Tab goes back to the photo').to.equal(true);

      await t.client('buyer').withdraw(EUR_ORDER);
      await waitUntil(() => text(part(el, 'headline')) === 'This dispute was withdrawn by Anna de Vries', 'the withdrawal shows', { timeout: 15_000 });
      await waitUntil(() => announced(el) === 'This case was updated.', `announced: 'This case was updated.', not ${announced(el)}`);
      expect(root(el).activeElement === thumbnail, 'focus stays on the photo').to.equal(true);
    });

    it('moves focus to a heading that says the page is out of date when a new version of the tree comes in while the seller answers', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await mount(t, EUR_ORDER);
      await press(el, 'counter-button');
      await atStep(el, 'Make a counter-offer');

      const { tree } = await t.client('seller').getContext(EUR_ORDER);
      el.tree = { ...tree, version: tree.version + 1 };
      await atStep(el, 'This page is out of date');
      expect(text(part(el, 'error'))).to.equal('This case was opened with another version of the questions than this page has. Reload the page to answer it.');
      await expect(el).to.be.accessible();
    });

    it('reports a watch that keeps failing once, not on every read, and again when it fails after a change came through', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const down = (): Response => HttpResponse.json({ type: ProblemType.internal, title: 'Down', status: 500 }, { status: 500, headers: { 'content-type': 'application/problem+json' } });
      let failing = true;
      let failedReads = 0;
      worker.use(
        // No event stream: the watch polls, and without waiting between reads.
        http.get(`${API_BASE}/orders/:orderId/dispute/events`, down),
        http.get(`${API_BASE}/orders/:orderId/dispute`, () => {
          if (!failing) return undefined;
          failedReads++;
          return down();
        }),
      );
      const client = createClient({ baseUrl: API_BASE, getToken: t.tokenFor('seller'), retry: { attempts: 1 }, sleep: () => Promise.resolve() });
      const reported: string[] = [];
      const el = await fixture<ProposalPicker>(html`<proposal-picker locale="en" order-id=${EUR_ORDER} .client=${client}
        @amicable-error=${(event: AmicableErrorEvent) => reported.push(event.detail.code)}></proposal-picker>`);

      await waitUntil(() => failedReads >= 3, 'the watch keeps reading', { timeout: 10_000 });
      expect(reported).to.deep.equal([ProblemType.internal]);
      expect(heading(el)).to.equal('Your answer');

      await t.client('buyer').withdraw(EUR_ORDER);
      failing = false;
      await waitUntil(() => text(part(el, 'headline')) === 'This dispute was withdrawn by Anna de Vries', 'the withdrawal comes through', { timeout: 10_000 });
      const before = failedReads;
      failing = true;
      await waitUntil(() => failedReads >= before + 3, 'the watch fails again', { timeout: 10_000 });
      expect(reported).to.deep.equal([ProblemType.internal, ProblemType.internal]);
    });

    it('tells the host once when the seller\'s deadline lapses while the case is shown', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await mount(t, EUR_ORDER);
      let escalations = 0;
      el.addEventListener('amicable-dispute-escalated', () => escalations++);
      const escalated = oneEvent(el, 'amicable-dispute-escalated');

      await t.advance(73 * HOUR);
      expect((await escalated).detail.dispute.escalation?.cause).to.equal('seller_deadline');
      await waitUntil(() => text(part(el, 'headline')) === 'Support is looking at this case', 'the status shows', { timeout: 15_000 });
      expect(part(el, 'accept-button')).to.equal(null);
      expect(escalations).to.equal(1);
    });
  });

  describe('money in every currency', () => {
    it('splits and counters in yen, which has no minor unit', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, JPY_ORDER, [partial({ amount: 3200, currency: 'JPY' })], 1, 'presigned');
      const el = await mount(t, JPY_ORDER);
      expect(text(part(el, 'split'))).to.equal(`You receive ${money(9600, 'JPY')}; Kenji Watanabe is refunded ${money(3200, 'JPY')}.`);

      await press(el, 'counter-button');
      await atStep(el, 'Make a counter-offer');
      expect(text(root(el).querySelector('#counter-bounds'))).to.equal(`Between ${money(1280, 'JPY')} and ${money(6400, 'JPY')}.`);
      await tabTo(el, 'amount');
      await retype('2000.5');
      await waitUntil(() => text(root(el).querySelector('#counter-error')) === 'Enter an amount such as 1280.', 'no fraction of a yen');
      await retype('2,000');
      await waitUntil(() => text(part(el, 'split')) === `You receive ${money(10_800, 'JPY')}; Kenji Watanabe is refunded ${money(2000, 'JPY')}.`, 'the split in yen');
      const countered = oneEvent(el, 'amicable-proposal-countered');
      await press(el, 'continue-button');
      await atStep(el, 'Check your answer');
      await press(el, 'confirm-button');
      expect((await countered).detail.resolution).to.deep.equal(partial({ amount: 2000, currency: 'JPY' }));
    });

    it('splits and counters in Kuwaiti dinars, to the fils', async () => {
      const t = await serveReferenceBackend();
      await t.client('buyer').openDispute(KWD_ORDER, {
        orderId: KWD_ORDER,
        treeId: 'services',
        treeVersion: 1,
        path: [{ nodeId: 'what-went-wrong', optionId: 'not-as-agreed' }],
        outcomeId: 'not-as-agreed',
        description: 'Only one of the two units was cleaned; the second was not touched.',
        photoIds: [],
        proposals: [partial({ amount: 9825, currency: 'KWD' })],
      });
      const el = await mount(t, KWD_ORDER);
      expect(text(part(el, 'split'))).to.equal(`You receive ${money(22_925, 'KWD')}; Fatima Al-Sabah is refunded ${money(9825, 'KWD')}.`);

      await press(el, 'counter-button');
      await atStep(el, 'Make a counter-offer');
      await tabTo(el, 'amount');
      await retype('3.275');
      await waitUntil(() => text(part(el, 'split')) === `You receive ${money(29_475, 'KWD')}; Fatima Al-Sabah is refunded ${money(3275, 'KWD')}.`, 'the split in dinars');
      const countered = oneEvent(el, 'amicable-proposal-countered');
      await press(el, 'continue-button');
      await atStep(el, 'Check your answer');
      await press(el, 'confirm-button');
      expect((await countered).detail.resolution).to.deep.equal(partial({ amount: 3275, currency: 'KWD' }));
    });
  });

  describe('languages and layout', () => {
    it('speaks German with locale="de": its strings, the tree\'s words and money as Germans write it', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))]);
      const el = await mount(t, EUR_ORDER, { locale: 'de' });
      await waitUntil(() => heading(el) === 'Ihre Antwort', 'the German strings load');
      expect(part(el, 'base')?.getAttribute('lang')).to.equal('de');
      expect(text(part(el, 'accept-button'))).to.equal('Diesen Vorschlag annehmen');
      expect(text(part(el, 'answers'))).to.equal('Was ist mit Ihrer Bestellung schiefgelaufen?Der Artikel kam beschädigt an');
      expect(text(part(el, 'split'))).to.include(formatMoney(eur(4880), 'de'));
      await press(el, 'counter-button');
      await atStep(el, 'Gegenangebot machen');
      expect((part(el, 'amount') as HTMLInputElement).value).to.equal('9,15');
      await expect(el).to.be.accessible();
    });

    it('lays out right to left in Arabic, where ArrowLeft shows the next photo', async () => {
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220))], 2);
      const el = await mount(t, EUR_ORDER, { locale: 'ar' });
      await waitUntil(() => heading(el) === 'ردّك', 'the Arabic strings load');
      const base = part(el, 'base') as HTMLElement;
      expect(base.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(base).direction).to.equal('rtl');
      const [first, second] = parts(el, 'photo') as [HTMLElement, HTMLElement];
      expect(second.getBoundingClientRect().right, 'the second photo is left of the first').to.be.below(first.getBoundingClientRect().right);
      await expect(el).to.be.accessible();

      const dialog = root(el).querySelector('dialog') as HTMLDialogElement;
      await tabTo(el, 'photo', 0);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog.open, 'the viewer opens');
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => dialog.querySelector('img')?.alt === 'الصورة 2 من 2', 'ArrowLeft is forward');
      await sendKeys({ press: 'Escape' });
    });

    it('fits 320 px without scrolling sideways, at every step', async () => {
      await setViewport({ width: 320, height: 700 });
      const t = await serveReferenceBackend();
      await openCase(t, EUR_ORDER, [partial(eur(1220)), { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 }], 3);
      const el = await mount(t, EUR_ORDER);
      const fits = (step: string): void => {
        expect(document.documentElement.scrollWidth, step).to.be.at.most(320);
        const base = part(el, 'base') as HTMLElement;
        expect(base.scrollWidth, step).to.be.at.most(base.clientWidth);
      };
      fits('review');
      await press(el, 'counter-button');
      await atStep(el, 'Make a counter-offer');
      fits('counter');
      await press(el, 'continue-button');
      await atStep(el, 'Check your answer');
      fits('confirmation');
    });
  });
});
