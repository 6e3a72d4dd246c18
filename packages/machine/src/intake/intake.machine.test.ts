import {
  checkOpening,
  concreteBounds,
  OpenDisputeRequest,
  outcomeOf,
  physicalGoodsTree,
  questionOf,
  servicesTree,
  validateTree,
  type DecisionTree,
  type Dispute,
  type Money,
  type OutcomeNode,
  type ResolutionOption,
  type ResolutionType,
} from '@amicable/protocol';
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createActor, fromPromise, initialTransition, transition, waitFor, type AnyMachineSnapshot } from 'xstate';
import {
  currentNodeId,
  currentOutcome,
  currentQuestion,
  hasEvidenceStep,
  hasProposeStep,
  offeredResolutions,
  type EditableStep,
  type IntakeInput,
} from './intake.context.js';
import { openDispute } from '../lifecycle/lifecycle.record.js';
import { intakeMachine, type IntakeEvent, type IntakeSnapshot, type SubmitDisputeInput } from './intake.machine.js';
import {
  canContinue,
  descriptionError,
  disputeRequest,
  draftFits,
  intakeSteps,
  isComplete,
  isProposed,
  openingFaults,
  photoCountError,
  proposalError,
  proposalFits,
  proposedRefund,
  refundBounds,
  refundError,
  remainingPhotoSlots,
} from './intake.selectors.js';
import {
  answer,
  attach,
  BACK,
  CANCEL,
  describe_,
  detach,
  edit,
  eur,
  NEXT,
  RETRY,
  route,
  setRefund,
  SUBMIT,
  submitWith,
  testTree,
  toggle,
} from './intake.test-fixtures.js';

const input: IntakeInput = { orderId: 'order-42', tree: testTree, price: eur(10_000) };

function start(from: IntakeInput = input): IntakeSnapshot {
  return initialTransition(intakeMachine, from)[0];
}

function send(snapshot: IntakeSnapshot, ...events: IntakeEvent[]): IntakeSnapshot {
  return events.reduce((current, event) => transition(intakeMachine, current, event)[0], snapshot);
}

function walk(...events: IntakeEvent[]): IntakeSnapshot {
  return send(start(), ...events);
}

/** Persists, goes through JSON as a draft store would, and restores. */
function roundTrip(persisted: unknown): IntakeSnapshot {
  const restored = JSON.parse(JSON.stringify(persisted)) as AnyMachineSnapshot;
  return createActor(intakeMachine, { snapshot: restored, input }).getSnapshot();
}

type Submit = (request: OpenDisputeRequest, signal: AbortSignal, idempotencyKey: string) => Promise<Dispute>;

/** What a backend does with a submitted request: the lifecycle opens the dispute, or refuses it. */
function opened(request: OpenDisputeRequest, id: string, from: IntakeInput = input): Dispute {
  const photos = request.photoIds.map((photoId) => ({
    id: photoId, url: `https://cdn.example/${photoId}.jpg`, contentType: 'image/jpeg' as const, width: 800, height: 600, bytes: 1000,
  }));
  const result = openDispute({ id, request, tree: from.tree, price: from.price, photos, at: '2026-11-02T09:00:00.000Z' });
  if (!result.ok) throw new Error(`the backend refused the request: ${JSON.stringify(result.refusal)}`);
  return result.dispute;
}

function machineSubmittingWith(submit: Submit) {
  return intakeMachine.provide({
    actors: {
      submitDispute: fromPromise<Dispute, SubmitDisputeInput>(({ input, signal }) => submit(input.request, signal, input.idempotencyKey)),
    },
  });
}

function running(machine: typeof intakeMachine, events: IntakeEvent[], from: IntakeInput = input) {
  const actor = createActor(machine, { input: from }).start();
  for (const event of events) actor.send(event);
  return actor;
}

const settled = (s: IntakeSnapshot) => s.matches('submitted') || s.matches('failed');

describe('intake machine', () => {
  it('uses a tree the protocol accepts', () => {
    expect(validateTree(testTree).ok).to.equal(true);
  });

  describe('walking the tree', () => {
    it('starts at the root question with nothing entered', () => {
      const snapshot = start();
      expect(snapshot.value).to.equal('question');
      expect(currentQuestion(snapshot.context)?.id).to.equal('what');
      expect(snapshot.context).to.deep.include({
        orderId: 'order-42', path: [], description: '', photos: [], proposals: [], dispute: null, error: null, submissionKey: null,
      });
      expect(canContinue(snapshot)).to.equal(false);
    });

    it('records an answer that leads to another question and asks it', () => {
      const snapshot = walk(answer('damaged'));
      expect(snapshot.value).to.equal('question');
      expect(snapshot.context.path).to.deep.equal([{ nodeId: 'what', optionId: 'damaged' }]);
      expect(currentQuestion(snapshot.context)?.id).to.equal('damage');
    });

    it('opens the description step when an answer leads to an outcome', () => {
      const snapshot = walk(answer('damaged'), answer('cosmetic'));
      expect(snapshot.value).to.equal('describe');
      expect(snapshot.context.path).to.deep.equal([
        { nodeId: 'what', optionId: 'damaged' },
        { nodeId: 'damage', optionId: 'cosmetic' },
      ]);
      expect(currentOutcome(snapshot.context)?.id).to.equal('scratched');
    });

    it('refuses an option the current question does not have', () => {
      const before = walk(answer('damaged'));
      expect(before.can(answer('missing'))).to.equal(false);
      const after = send(before, answer('missing'));
      expect(after.value).to.equal('question');
      expect(after.context.path).to.deep.equal(before.context.path);
    });

    it('does nothing on BACK at the root question', () => {
      const root = start();
      expect(root.can(BACK)).to.equal(false);
      const after = send(root, BACK);
      expect(after.value).to.equal('question');
      expect(after.context).to.deep.equal(root.context);
    });

    const backCases: { from: string; events: IntakeEvent[]; to: string; node: string }[] = [
      { from: 'a second question', events: [answer('damaged')], to: 'question', node: 'what' },
      { from: 'the description', events: route.toScratched, to: 'question', node: 'damage' },
      { from: 'the description of an outcome under the root', events: [answer('missing')], to: 'question', node: 'what' },
      { from: 'the evidence', events: route.scratchedEvidence, to: 'describe', node: 'scratched' },
      { from: 'the proposals after evidence', events: route.scratchedPropose, to: 'evidence', node: 'scratched' },
      {
        from: 'the proposals of an outcome without photos',
        events: [answer('missing'), describe_('Never arrived here'), NEXT],
        to: 'describe',
        node: 'not-arrived',
      },
      { from: 'the review after proposals', events: route.scratchedReview, to: 'propose', node: 'scratched' },
      { from: 'the review of a support case with photos', events: route.counterfeitReview, to: 'evidence', node: 'counterfeit' },
      { from: 'the review of a support case without photos', events: route.talkToSupportReview, to: 'describe', node: 'talk-to-support' },
    ];
    for (const { from, events, to, node } of backCases) {
      it(`goes back from ${from} to ${to} (${node})`, () => {
        const before = walk(...events);
        const after = send(before, BACK);
        expect(after.value).to.equal(to);
        expect(currentNodeId(after.context)).to.equal(node);
        const answersUndone = before.value === 'describe' || before.value === 'question' ? 1 : 0;
        expect(after.context.path).to.deep.equal(before.context.path.slice(0, before.context.path.length - answersUndone));
      });
    }

    const stepCases: { outcome: string; events: IntakeEvent[]; steps: string[] }[] = [
      { outcome: 'scratched', events: route.scratchedReview, steps: ['describe', 'evidence', 'propose', 'review'] },
      { outcome: 'not-arrived (no photos)', events: route.notArrivedReview, steps: ['describe', 'propose', 'review'] },
      { outcome: 'counterfeit (to support)', events: route.counterfeitReview, steps: ['describe', 'evidence', 'review'] },
      { outcome: 'talk-to-support (neither)', events: route.talkToSupportReview, steps: ['describe', 'review'] },
    ];
    for (const { outcome, events, steps } of stepCases) {
      it(`goes through ${steps.join(', ')} at ${outcome}`, () => {
        const visited: string[] = [];
        let snapshot = start();
        for (const event of events) {
          snapshot = send(snapshot, event);
          if (visited.at(-1) !== snapshot.value && snapshot.value !== 'question') visited.push(snapshot.value);
        }
        expect(visited).to.deep.equal(steps);
        expect(intakeSteps(snapshot)).to.deep.equal(['question', ...steps]);
      });
    }

    it('offers only the question step for progress before an outcome', () => {
      expect(intakeSteps(walk(answer('damaged')))).to.deep.equal(['question']);
    });

    it('starts on the description when the tree is a single outcome', () => {
      const single: DecisionTree = { ...testTree, root: 'not-arrived', nodes: { 'not-arrived': testTree.nodes['not-arrived']! } };
      const snapshot = start({ ...input, tree: single });
      expect(snapshot.value).to.equal('describe');
      expect(snapshot.can(BACK)).to.equal(false);
      const review = send(snapshot, describe_('Never arrived here'), NEXT, toggle('full_refund'), NEXT);
      expect(review.value).to.equal('review');
      const request = disputeRequest(review);
      expect(request?.path).to.deep.equal([]);
      expect(OpenDisputeRequest.safeParse(request).success).to.equal(true);
    });
  });

  describe('editing from the review', () => {
    const editCases: { step: 'question' | 'describe' | 'evidence' | 'propose'; events: IntakeEvent[]; to: string | null }[] = [
      { step: 'question', events: route.scratchedReview, to: 'question' },
      { step: 'describe', events: route.scratchedReview, to: 'describe' },
      { step: 'evidence', events: route.scratchedReview, to: 'evidence' },
      { step: 'propose', events: route.scratchedReview, to: 'propose' },
      { step: 'evidence', events: route.notArrivedReview, to: null },
      { step: 'propose', events: route.counterfeitReview, to: null },
    ];
    for (const { step, events, to } of editCases) {
      const outcome = currentNodeId(walk(...events).context);
      it(to === null ? `refuses to edit ${step} at ${outcome}, which has no such step` : `jumps to ${step} at ${outcome}`, () => {
        const review = walk(...events);
        const after = send(review, edit(step));
        expect(after.value).to.equal(to ?? 'review');
        expect(review.can(edit(step))).to.equal(to !== null);
      });
    }

    it('undoes the last answer when editing the answers', () => {
      const after = send(walk(...route.scratchedReview), edit('question'));
      expect(currentQuestion(after.context)?.id).to.equal('damage');
      expect(after.context.description).to.equal('Scratched lid');
    });
  });

  describe('changing an answer', () => {
    it('keeps the description, drops what the new outcome does not offer and photos beyond its maximum', () => {
      const scratched = walk(
        ...route.scratchedEvidence, attach(1), attach(2), attach(3), NEXT,
        toggle('replacement'), toggle('return_and_refund'), toggle('partial_refund'),
      );
      expect(scratched.context.proposals.map((p) => p.type)).to.deep.equal(['partial_refund', 'replacement', 'return_and_refund']);

      const unusable = send(scratched, BACK, BACK, BACK, answer('broken'));
      expect(unusable.value).to.equal('describe');
      expect(currentOutcome(unusable.context)?.id).to.equal('unusable');
      expect(unusable.context.description).to.equal('Scratched lid');
      expect(unusable.context.photos).to.deep.equal([{ id: 'photo-1', name: 'IMG_1.jpg' }]);
      // The return takes the new outcome's terms; 20.00 EUR is below the new minimum, so the
      // partial refund starts over at the new suggestion; the replacement is not offered.
      expect(unusable.context.proposals).to.deep.equal([
        { type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 30 },
        { type: 'partial_refund', amount: eur(6000) },
      ]);
    });

    it('keeps a partial refund that fits the new outcome', () => {
      const scratched = walk(...route.scratchedPropose, toggle('partial_refund'), setRefund(eur(5000)));
      const unusable = send(scratched, BACK, BACK, BACK, answer('broken'));
      expect(unusable.context.proposals).to.deep.equal([{ type: 'partial_refund', amount: eur(5000) }]);
    });

    it('keeps everything when the same outcome is chosen again', () => {
      const review = walk(...route.scratchedReview);
      const again = send(review, edit('question'), answer('cosmetic'));
      expect(again.value).to.equal('describe');
      expect(again.context).to.deep.equal(review.context);
    });

    it('proposes nothing at a straight-to-support outcome', () => {
      const scratched = walk(...route.scratchedReview);
      const counterfeit = send(scratched, edit('question'), BACK, answer('fake'));
      expect(counterfeit.context.proposals).to.deep.equal([]);
      expect(counterfeit.context.photos).to.have.length(1);
    });
  });

  describe('describing the problem', () => {
    const cases: { outcome: string; events: IntakeEvent[]; text: string; error: string | null }[] = [
      { outcome: 'scratched (optional, 5-20)', events: route.toScratched, text: '', error: null },
      { outcome: 'scratched (optional, 5-20)', events: route.toScratched, text: '    ', error: null },
      { outcome: 'scratched (optional, 5-20)', events: route.toScratched, text: 'dent', error: 'too_short' },
      { outcome: 'scratched (optional, 5-20)', events: route.toScratched, text: '   dents   ', error: null },
      { outcome: 'scratched (optional, 5-20)', events: route.toScratched, text: 'x'.repeat(20), error: null },
      { outcome: 'scratched (optional, 5-20)', events: route.toScratched, text: 'x'.repeat(21), error: 'too_long' },
      { outcome: 'not-arrived (required, 10-50)', events: [answer('missing')], text: '', error: 'required' },
      { outcome: 'not-arrived (required, 10-50)', events: [answer('missing')], text: ' \n\t ', error: 'required' },
      { outcome: 'not-arrived (required, 10-50)', events: [answer('missing')], text: 'not here', error: 'too_short' },
      { outcome: 'not-arrived (required, 10-50)', events: [answer('missing')], text: 'never came', error: null },
      { outcome: 'unusable (required, no minimum)', events: [answer('damaged'), answer('broken')], text: '', error: 'required' },
      { outcome: 'unusable (required, no minimum)', events: [answer('damaged'), answer('broken')], text: '!', error: null },
    ];
    for (const { outcome, events, text, error } of cases) {
      it(`${error === null ? 'accepts' : `reports ${error} for`} ${JSON.stringify(text)} at ${outcome}`, () => {
        const snapshot = walk(...events, describe_(text));
        expect(snapshot.context.description).to.equal(text);
        expect(descriptionError(snapshot)).to.equal(error);
        expect(canContinue(snapshot)).to.equal(error === null);
        expect(send(snapshot, NEXT).value === 'describe').to.equal(error !== null);
      });
    }

    it('reports no description error before an outcome is reached', () => {
      expect(descriptionError(walk(answer('missing'), BACK))).to.equal(null);
    });
  });

  describe('attaching photos', () => {
    it('continues only once the minimum is attached', () => {
      const none = walk(...route.scratchedEvidence);
      expect(photoCountError(none)).to.equal('too_few');
      expect(canContinue(none)).to.equal(false);
      expect(send(none, NEXT).value).to.equal('evidence');

      const one = send(none, attach(1));
      expect(photoCountError(one)).to.equal(null);
      expect(canContinue(one)).to.equal(true);
      expect(send(one, NEXT).value).to.equal('propose');
    });

    it('refuses photos beyond the maximum', () => {
      const full = walk(...route.scratchedEvidence, attach(1), attach(2), attach(3));
      expect(remainingPhotoSlots(full)).to.equal(0);
      expect(full.can(attach(4))).to.equal(false);
      expect(send(full, attach(4)).context.photos.map((p) => p.id)).to.deep.equal(['photo-1', 'photo-2', 'photo-3']);
    });

    it('refuses the same photo twice', () => {
      const one = walk(...route.scratchedEvidence, attach(1));
      expect(one.can(attach(1))).to.equal(false);
      expect(send(one, attach(1)).context.photos).to.have.length(1);
    });

    it('detaches a photo by id, and ignores unknown ids', () => {
      const two = walk(...route.scratchedEvidence, attach(1), attach(2));
      expect(send(two, detach(1)).context.photos).to.deep.equal([{ id: 'photo-2', name: 'IMG_2.jpg' }]);
      expect(two.can(detach(9))).to.equal(false);
      expect(remainingPhotoSlots(send(two, detach(1)))).to.equal(2);
    });

    it('refuses a photo id the protocol refuses: empty, or over 128 characters', () => {
      const evidence = walk(...route.scratchedEvidence);
      const photo = (id: string): IntakeEvent => ({ type: 'ATTACH_PHOTO', photo: { id, name: 'IMG_1.jpg' } });
      for (const id of ['', 'p'.repeat(129)]) {
        expect(evidence.can(photo(id)), `${id.length} characters`).to.equal(false);
        expect(send(evidence, photo(id)).context.photos).to.deep.equal([]);
      }
      expect(send(evidence, photo('p'.repeat(128))).context.photos).to.have.length(1);
    });

    it('keeps only the id and name of what the UI attaches', () => {
      const photo = { id: 'photo-1', name: 'IMG_1.jpg', file: new Blob(['x']) };
      const snapshot = walk(...route.scratchedEvidence, { type: 'ATTACH_PHOTO', photo });
      expect(snapshot.context.photos).to.deep.equal([{ id: 'photo-1', name: 'IMG_1.jpg' }]);
    });
  });

  describe('proposing resolutions', () => {
    it('preselects nothing and needs at least one proposal', () => {
      const snapshot = walk(...route.scratchedPropose);
      expect(snapshot.context.proposals).to.deep.equal([]);
      expect(proposalError(snapshot)).to.equal('none_selected');
      expect(canContinue(snapshot)).to.equal(false);
      expect(send(snapshot, toggle('replacement'), NEXT).value).to.equal('review');
    });

    it('starts a partial refund at the suggested amount, whatever was set before', () => {
      const on = walk(...route.scratchedPropose, toggle('partial_refund'));
      expect(proposedRefund(on)).to.deep.equal(eur(2000));
      const changed = send(on, setRefund(eur(3000)));
      expect(proposedRefund(changed)).to.deep.equal(eur(3000));
      const off = send(changed, toggle('partial_refund'));
      expect(isProposed(off, 'partial_refund')).to.equal(false);
      expect(proposedRefund(send(off, toggle('partial_refund')))).to.deep.equal(eur(2000));
    });

    it('proposes a return on the outcome’s terms', () => {
      const snapshot = walk(...route.scratchedPropose, toggle('return_and_refund'));
      expect(snapshot.context.proposals).to.deep.equal([
        { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
      ]);
    });

    it('keeps proposals in the order the outcome offers them', () => {
      const snapshot = walk(...route.scratchedPropose, toggle('return_and_refund'), toggle('replacement'), toggle('partial_refund'));
      expect(snapshot.context.proposals.map((p) => p.type)).to.deep.equal(['partial_refund', 'replacement', 'return_and_refund']);
    });

    it('refuses a resolution the outcome does not offer', () => {
      const snapshot = walk(...route.scratchedPropose);
      expect(snapshot.can(toggle('full_refund'))).to.equal(false);
      expect(send(snapshot, toggle('full_refund')).context.proposals).to.deep.equal([]);
    });

    it('gives the partial refund’s bounds for the price', () => {
      expect(refundBounds(walk(...route.scratchedPropose))).to.deep.equal({ min: eur(1000), max: eur(5000), suggested: eur(2000) });
      expect(refundBounds(walk(...route.notArrivedReview))).to.equal(null);
    });

    const refundCases: { amount: Money; error: string | null }[] = [
      { amount: eur(1000), error: null },
      { amount: eur(5000), error: null },
      { amount: eur(999), error: 'below_min' },
      { amount: eur(5001), error: 'above_max' },
      { amount: eur(0), error: 'below_min' },
      { amount: { amount: 2000, currency: 'USD' }, error: 'currency_mismatch' },
      { amount: eur(2500.5), error: 'invalid_amount' },
      { amount: eur(Number.NaN), error: 'invalid_amount' },
      { amount: eur(-100), error: 'invalid_amount' },
      { amount: eur(Number.POSITIVE_INFINITY), error: 'invalid_amount' },
      { amount: { amount: 2000, currency: 'eur' }, error: 'invalid_amount' },
      { amount: { amount: 2000, currency: 'XYZ' }, error: 'invalid_amount' },
    ];
    for (const { amount, error } of refundCases) {
      it(`${error === null ? 'accepts' : `refuses (${error})`} a partial refund of ${amount.amount} ${amount.currency} within 10-50 % of 100.00 EUR`, () => {
        const chosen = walk(...route.scratchedPropose, toggle('partial_refund'));
        expect(refundError(chosen, amount)).to.equal(error);
        expect(chosen.can(setRefund(amount))).to.equal(error === null);
        const after = send(chosen, setRefund(amount));
        expect(proposedRefund(after)).to.deep.equal(error === null ? amount : eur(2000));
        expect(refundError(after)).to.equal(null);
      });
    }

    it('refuses a refund amount while no partial refund is chosen', () => {
      const snapshot = walk(...route.scratchedPropose);
      expect(snapshot.can(setRefund(eur(3000)))).to.equal(false);
      expect(refundError(snapshot)).to.equal(null);
    });

    it('reports a refund where the outcome offers none', () => {
      const snapshot = walk(...route.notArrivedReview);
      expect(refundError(snapshot, eur(100))).to.equal('not_offered');
    });

    it('checks an amount is money before anything else, even where no partial refund is offered', () => {
      expect(refundError(walk(...route.notArrivedReview), eur(100.5))).to.equal('invalid_amount');
    });

    it('cannot price a partial refund whose absolute bounds are in another currency than the price', () => {
      const snapshot = start({ ...input, price: { amount: 10_000, currency: 'USD' } });
      const propose = send(snapshot, answer('damaged'), answer('broken'), describe_('Broken'), NEXT, NEXT);
      expect(propose.value).to.equal('propose');
      expect(refundBounds(propose)).to.equal(null);
      expect(propose.can(toggle('partial_refund'))).to.equal(false);
      expect(refundError(propose, { amount: 6000, currency: 'USD' })).to.equal('currency_mismatch');
      expect(propose.can(toggle('full_refund'))).to.equal(true);
    });
  });

  describe('reviewing', () => {
    it('builds the request from what was entered, with the description trimmed', () => {
      const review = walk(
        ...route.toScratched, describe_('  Scratched lid \n'), NEXT, attach(1), attach(2), NEXT,
        toggle('replacement'), toggle('partial_refund'), setRefund(eur(2500)), NEXT,
      );
      expect(review.value).to.equal('review');
      expect(canContinue(review)).to.equal(true);
      expect(disputeRequest(review)).to.deep.equal({
        orderId: 'order-42',
        treeId: 'test-tree',
        treeVersion: 1,
        path: [{ nodeId: 'what', optionId: 'damaged' }, { nodeId: 'damage', optionId: 'cosmetic' }],
        outcomeId: 'scratched',
        description: 'Scratched lid',
        photoIds: ['photo-1', 'photo-2'],
        proposals: [{ type: 'partial_refund', amount: eur(2500) }, { type: 'replacement' }],
      });
    });

    it('has no request before an outcome is reached', () => {
      expect(disputeRequest(walk(answer('damaged')))).to.equal(null);
    });

    const tamperedDrafts: { title: string; events: IntakeEvent[]; change: (context: IntakeSnapshot['context']) => Partial<IntakeSnapshot['context']> }[] = [
      {
        title: 'the same photo twice',
        events: route.scratchedReview,
        change: (context) => ({ photos: [...context.photos, ...context.photos] }),
      },
      {
        title: 'more photos than the outcome allows',
        events: route.scratchedReview,
        change: () => ({ photos: [1, 2, 3, 4].map((n) => ({ id: `photo-${n}`, name: `IMG_${n}.jpg` })) }),
      },
      {
        title: 'the same resolution proposed twice',
        events: route.notArrivedReview,
        change: () => ({ proposals: [{ type: 'full_refund' }, { type: 'full_refund' }] }),
      },
      {
        title: 'a path that is not a walk from the root',
        events: route.scratchedReview,
        change: () => ({ path: [{ nodeId: 'what', optionId: 'missing' }, { nodeId: 'damage', optionId: 'cosmetic' }] }),
      },
      {
        title: 'a partial refund of a fraction of a cent',
        events: route.scratchedReview,
        change: () => ({ proposals: [{ type: 'partial_refund', amount: eur(2000.5) }] }),
      },
    ];
    for (const { title, events, change } of tamperedDrafts) {
      it(`refuses to submit a restored draft with ${title}, as the backend would`, () => {
        const review = walk(...events);
        expect(isComplete(review)).to.equal(true);
        const context = { ...review.context, ...change(review.context) };
        const tampered = intakeMachine.resolveState({ value: 'review', context });
        const request = disputeRequest(tampered);
        expect(request).not.to.equal(null);
        // The draft still looks like it stands at the outcome; the wire schema or the opening rules see through it.
        const valid = OpenDisputeRequest.safeParse(request).success && checkOpening(testTree, input.price, request!).length === 0;
        expect(valid).to.equal(false);
        expect(isComplete(tampered)).to.equal(false);
        expect(openingFaults(tampered)).not.to.deep.equal([]);
        expect(send(tampered, SUBMIT).value).to.equal('review');
      });
    }

    it('refuses to submit a restored draft that breaks the outcome’s rules', () => {
      const review = walk(...route.notArrivedReview);
      const tampered = intakeMachine.resolveState({ value: 'review', context: { ...review.context, description: 'short' } });
      expect(isComplete(tampered)).to.equal(false);
      expect(canContinue(tampered)).to.equal(false);
      expect(send(tampered, SUBMIT).value).to.equal('review');
      expect(send(review, SUBMIT).value).to.equal('submitting');
    });
  });

  describe('why a review cannot be submitted', () => {
    const stepErrors = (snapshot: IntakeSnapshot) =>
      [descriptionError(snapshot), photoCountError(snapshot), proposalError(snapshot), refundError(snapshot)];

    it('finds nothing in a request that can be sent', () => {
      const review = walk(...route.scratchedReview);
      expect(openingFaults(review)).to.deep.equal([]);
      expect(isComplete(review)).to.equal(true);
    });

    it('names the unanswered question before an outcome is reached', () => {
      const faults = openingFaults(walk(answer('damaged')));
      expect(faults.map(({ code, path }) => ({ code, path }))).to.deep.equal([{ code: 'wrong_step', path: '$.path' }]);
      expect(faults[0]?.message).to.contain('"damage"');
    });

    it('explains an order id longer than a request takes, which no step can fix', () => {
      // 200 characters: more than the 128 an OpenDisputeRequest takes.
      const long: IntakeInput = { ...input, orderId: 'o'.repeat(200) };
      const review = send(start(long), ...route.scratchedReview);
      expect(review.value).to.equal('review');
      expect(stepErrors(review)).to.deep.equal([null, null, null, null]);
      const faults = openingFaults(review);
      expect(faults.map(({ code, path }) => ({ code, path }))).to.deep.equal([{ code: 'invalid_request', path: '$.orderId' }]);
      expect(faults[0]?.message).to.contain('128');
      expect(isComplete(review)).to.equal(false);
      expect(canContinue(review)).to.equal(false);
      expect(send(review, SUBMIT).value).to.equal('review');
    });

    it('explains a restored photo id longer than a request takes', () => {
      const review = walk(...route.scratchedReview);
      const context = { ...review.context, photos: [{ id: 'p'.repeat(129), name: 'IMG_1.jpg' }] };
      const restored = intakeMachine.resolveState({ value: 'review', context });
      expect(stepErrors(restored)).to.deep.equal([null, null, null, null]);
      expect(openingFaults(restored).map(({ code, path }) => ({ code, path }))).to.deep.equal([{ code: 'invalid_request', path: '$.photoIds[0]' }]);
      expect(canContinue(restored)).to.equal(false);
    });

    it('gives the opening rules\' faults, with their codes and paths, for a request of the right shape', () => {
      const review = walk(...route.notArrivedReview);
      const tampered = intakeMachine.resolveState({ value: 'review', context: { ...review.context, description: 'short' } });
      expect(openingFaults(tampered).map(({ code, path }) => ({ code, path }))).to.deep.equal([
        { code: 'description_too_short', path: '$.description' },
      ]);
      expect(openingFaults(tampered)).to.deep.equal(checkOpening(testTree, input.price, disputeRequest(tampered)!));
    });
  });

  describe('submitting', () => {
    it('sends the request to the provided actor and keeps the dispute it opened', async () => {
      const requests: OpenDisputeRequest[] = [];
      const machine = machineSubmittingWith(async (request) => {
        requests.push(request);
        return opened(request, 'dispute-7');
      });
      const actor = running(machine, [...route.scratchedReview, SUBMIT]);
      expect(actor.getSnapshot().value).to.equal('submitting');
      const done = await waitFor(actor, settled);
      expect(done.value).to.equal('submitted');
      expect(done.status).to.equal('done');
      expect(done.context.dispute?.id).to.equal('dispute-7');
      expect(done.context.dispute?.status).to.equal('awaiting_seller');
      expect(requests).to.deep.equal([{
        orderId: 'order-42',
        treeId: 'test-tree',
        treeVersion: 1,
        path: [{ nodeId: 'what', optionId: 'damaged' }, { nodeId: 'damage', optionId: 'cosmetic' }],
        outcomeId: 'scratched',
        description: 'Scratched lid',
        photoIds: ['photo-1'],
        proposals: [{ type: 'partial_refund', amount: eur(2000) }],
      }]);
    });

    it('keeps everything entered after a failure, and RETRY sends the same request again', async () => {
      const requests: OpenDisputeRequest[] = [];
      const machine = machineSubmittingWith(async (request) => {
        requests.push(request);
        if (requests.length === 1) throw Object.assign(new Error('The backend is unreachable'), { code: 'network' });
        return opened(request, 'dispute-8');
      });
      const actor = running(machine, [...route.scratchedReview]);
      const entered = actor.getSnapshot().context;
      actor.send(SUBMIT);

      const failed = await waitFor(actor, settled);
      expect(failed.value).to.equal('failed');
      expect(failed.context.error).to.deep.equal({ message: 'The backend is unreachable', code: 'network' });
      expect(failed.context).to.deep.equal({ ...entered, error: failed.context.error, submissionKey: 'key-1' });
      expect(canContinue(failed)).to.equal(true);

      actor.send(RETRY);
      expect(actor.getSnapshot().context.error).to.equal(null);
      const submitted = await waitFor(actor, settled);
      expect(submitted.value).to.equal('submitted');
      expect(submitted.context.dispute?.id).to.equal('dispute-8');
      expect(requests).to.have.length(2);
      expect(requests[1]).to.deep.equal(requests[0]);
    });

    it('keeps a failure without a code as its message only', async () => {
      const machine = machineSubmittingWith(() => Promise.reject(new Error('Conflict')));
      const failed = await waitFor(running(machine, [...route.notArrivedReview, SUBMIT]), settled);
      expect(failed.context.error).to.deep.equal({ message: 'Conflict' });
    });

    it('lets the buyer go back and change things after a failure', async () => {
      const machine = machineSubmittingWith(() => Promise.reject(new Error('Conflict')));
      const actor = running(machine, [...route.scratchedReview, SUBMIT]);
      await waitFor(actor, settled);
      expect(actor.getSnapshot().can(BACK)).to.equal(true);
      actor.send(edit('describe'));
      expect(actor.getSnapshot().value).to.equal('describe');
      expect(actor.getSnapshot().context.description).to.equal('Scratched lid');
    });

    it('fails with an explanation when no submit actor was provided', async () => {
      const failed = await waitFor(running(intakeMachine, [...route.notArrivedReview, SUBMIT]), settled);
      expect(failed.value).to.equal('failed');
      expect(failed.context.error?.message).to.contain('submitDispute');
    });

    it('does nothing on BACK while submitting: only CANCEL stops the request', async () => {
      let signal: AbortSignal | undefined;
      const machine = machineSubmittingWith((_, s) => {
        signal = s;
        return new Promise<Dispute>(() => {});
      });
      const actor = running(machine, [...route.scratchedReview, SUBMIT]);
      expect(actor.getSnapshot().can(BACK)).to.equal(false);
      actor.send(BACK);
      expect(actor.getSnapshot().value).to.equal('submitting');
      expect(signal?.aborted).to.equal(false);
      actor.stop();
    });

    it('aborts the request on CANCEL and returns to the review', async () => {
      let signal: AbortSignal | undefined;
      const machine = machineSubmittingWith((_, s) => {
        signal = s;
        return new Promise<Dispute>(() => {});
      });
      const actor = running(machine, [...route.scratchedReview, SUBMIT]);
      expect(signal?.aborted).to.equal(false);
      actor.send(CANCEL);
      expect(signal?.aborted).to.equal(true);
      expect(actor.getSnapshot().value).to.equal('review');
      expect(actor.getSnapshot().context.description).to.equal('Scratched lid');
    });
  });

  describe('idempotency of the submission', () => {
    /** A machine that records the idempotency key of every attempt and answers with `answer`. */
    function recordingKeys(answer: (attempt: number, request: OpenDisputeRequest) => Promise<Dispute>) {
      const keys: string[] = [];
      const machine = machineSubmittingWith((request, _, key) => {
        keys.push(key);
        return answer(keys.length, request);
      });
      return { machine, keys };
    }
    const failingOnce = (attempt: number, request: OpenDisputeRequest): Promise<Dispute> =>
      attempt === 1 ? Promise.reject(new Error('The request timed out')) : Promise.resolve(opened(request, `dispute-${attempt}`));

    it('keeps the key SUBMIT brings while the request is sent', () => {
      const review = walk(...route.scratchedReview);
      expect(review.context.submissionKey).to.equal(null);
      const submitting = send(review, submitWith('key-a'));
      expect(submitting.value).to.equal('submitting');
      expect(submitting.context.submissionKey).to.equal('key-a');
    });

    it('refuses SUBMIT without a key', () => {
      const review = walk(...route.scratchedReview);
      const keyless = { type: 'SUBMIT', key: '' } as const;
      expect(review.can(keyless)).to.equal(false);
      expect(send(review, keyless).value).to.equal('review');
      expect(canContinue(review)).to.equal(true);
    });

    it('sends the same key again on RETRY after a failure', async () => {
      const { machine, keys } = recordingKeys(failingOnce);
      const actor = running(machine, [...route.scratchedReview, submitWith('key-a')]);
      expect((await waitFor(actor, settled)).value).to.equal('failed');
      actor.send(RETRY);
      expect((await waitFor(actor, settled)).value).to.equal('submitted');
      expect(keys).to.deep.equal(['key-a', 'key-a']);
    });

    it('keeps the key when the same request is submitted again after CANCEL or BACK from a failure', async () => {
      // The first attempt is cancelled while in flight, the second fails, the third goes through.
      const { machine, keys } = recordingKeys((attempt, request) =>
        attempt === 1 ? new Promise<Dispute>(() => {}) : failingOnce(attempt - 1, request));
      const actor = running(machine, [...route.scratchedReview, submitWith('key-a'), CANCEL, submitWith('key-b')]);
      expect((await waitFor(actor, settled)).value).to.equal('failed');
      actor.send(BACK);
      expect(actor.getSnapshot().value).to.equal('review');
      actor.send(submitWith('key-c'));
      expect((await waitFor(actor, settled)).value).to.equal('submitted');
      expect(keys).to.deep.equal(['key-a', 'key-a', 'key-a']);
    });

    it('sends the same key when a draft persisted while submitting is restored', async () => {
      const pending = running(machineSubmittingWith(() => new Promise<Dispute>(() => {})), [...route.scratchedReview, submitWith('key-a')]);
      const persisted = JSON.parse(JSON.stringify(pending.getPersistedSnapshot())) as AnyMachineSnapshot;
      pending.stop();

      const { machine, keys } = recordingKeys(async (attempt, request) => opened(request, `dispute-${attempt}`));
      const restored = createActor(machine, { snapshot: persisted, input }).start();
      expect((await waitFor(restored, settled)).value).to.equal('submitted');
      expect(keys).to.deep.equal(['key-a']);
    });

    it('sends a new key once the request was changed after a failure', async () => {
      const { machine, keys } = recordingKeys(failingOnce);
      const actor = running(machine, [...route.scratchedReview, submitWith('key-a')]);
      expect((await waitFor(actor, settled)).value).to.equal('failed');
      for (const event of [edit('describe'), describe_('A deep scratch'), NEXT, NEXT, NEXT]) actor.send(event);
      expect(actor.getSnapshot().value).to.equal('review');
      expect(actor.getSnapshot().context.submissionKey).to.equal(null);
      actor.send(submitWith('key-b'));
      const done = await waitFor(actor, settled);
      expect(done.value).to.equal('submitted');
      expect(done.context.dispute?.description).to.equal('A deep scratch');
      expect(keys).to.deep.equal(['key-a', 'key-b']);
    });

    const leaving: { title: string; events: IntakeEvent[] }[] = [
      { title: 'EDIT of the answers', events: [edit('question')] },
      { title: 'EDIT of the description', events: [edit('describe')] },
      { title: 'EDIT of the photos', events: [edit('evidence')] },
      { title: 'EDIT of the proposals', events: [edit('propose')] },
      { title: 'BACK from the review', events: [BACK] },
    ];
    for (const { title, events } of leaving) {
      it(`drops the key on ${title}, where the request can change`, () => {
        // Cancelled: back at the review with the key kept, as after a failure.
        const review = walk(...route.scratchedReview, submitWith('key-a'), CANCEL);
        expect(review.context.submissionKey).to.equal('key-a');
        const after = send(review, ...events);
        expect(['question', 'describe', 'evidence', 'propose']).to.include(after.value);
        expect(after.context.submissionKey).to.equal(null);
      });
    }
  });

  describe('persisting a draft', () => {
    const steps: { name: string; events: IntakeEvent[] }[] = [
      { name: 'the root question', events: [] },
      { name: 'a later question', events: [answer('damaged')] },
      { name: 'the description', events: [...route.toScratched, describe_('half-typed ')] },
      { name: 'the evidence', events: [...route.scratchedEvidence, attach(1), attach(2)] },
      { name: 'the proposals', events: [...route.scratchedPropose, toggle('partial_refund'), setRefund(eur(4321))] },
      { name: 'the review', events: route.scratchedReview },
    ];
    it('tells a draft of this order and tree from one saved under another tree version, order or price', () => {
      const draft = roundTrip(intakeMachine.getPersistedSnapshot(walk(...route.scratchedReview)));
      expect(draftFits(draft, input)).to.equal(true);
      expect(draftFits(draft, { ...input, tree: { ...input.tree, version: input.tree.version + 1 } })).to.equal(false);
      expect(draftFits(draft, { ...input, orderId: 'order-43' })).to.equal(false);
      expect(draftFits(draft, { ...input, price: { ...input.price, amount: input.price.amount + 1 } })).to.equal(false);
    });

    for (const { name, events } of steps) {
      it(`restores ${name} exactly`, () => {
        const snapshot = walk(...events);
        const restored = roundTrip(intakeMachine.getPersistedSnapshot(snapshot));
        expect(restored.value).to.equal(snapshot.value);
        expect(restored.context).to.deep.equal(snapshot.context);
        // The restored flow goes on as the original would.
        expect(send(restored, BACK).value).to.equal(send(snapshot, BACK).value);
      });
    }

    it('restores a failed submission with its error, ready to retry', async () => {
      const machine = machineSubmittingWith(() => Promise.reject(Object.assign(new Error('Try later'), { code: 'rate_limited' })));
      const actor = running(machine, [...route.scratchedReview, SUBMIT]);
      const failed = await waitFor(actor, settled);
      const restored = roundTrip(actor.getPersistedSnapshot());
      expect(restored.value).to.equal('failed');
      expect(restored.context).to.deep.equal(failed.context);
      expect(restored.can(RETRY)).to.equal(true);
    });

    it('restores a submitted intake with its dispute', async () => {
      const machine = machineSubmittingWith(async (request) => opened(request, 'dispute-9'));
      const actor = running(machine, [...route.counterfeitReview, SUBMIT]);
      const submitted = await waitFor(actor, settled);
      const restored = roundTrip(actor.getPersistedSnapshot());
      expect(restored.value).to.equal('submitted');
      expect(restored.context).to.deep.equal(submitted.context);
    });

    it('submits again when a draft persisted while submitting is restored', async () => {
      const pending = running(machineSubmittingWith(() => new Promise<Dispute>(() => {})), [...route.scratchedReview, SUBMIT]);
      const persisted = JSON.parse(JSON.stringify(pending.getPersistedSnapshot())) as AnyMachineSnapshot;
      pending.stop();

      const requests: OpenDisputeRequest[] = [];
      const machine = machineSubmittingWith(async (request) => {
        requests.push(request);
        return opened(request, 'dispute-10');
      });
      const restored = createActor(machine, { snapshot: persisted, input }).start();
      const done = await waitFor(restored, settled);
      expect(done.value).to.equal('submitted');
      expect(requests).to.deep.equal([disputeRequest(done)]);
    });
  });

  describe('whatever the buyer does', () => {
    const resolutionTypes: ResolutionType[] = ['partial_refund', 'full_refund', 'return_and_refund', 'replacement'];
    /** An event, or a move turned into one from the snapshot it is sent to. */
    type Move = IntakeEvent | { type: 'answer-some-option'; index: number } | { type: 'describe-validly' };
    const eventOf = (snapshot: IntakeSnapshot, move: Move): IntakeEvent => {
      if (move.type === 'answer-some-option') {
        const options = currentQuestion(snapshot.context)?.node.options ?? [];
        return answer(options[move.index % Math.max(options.length, 1)]?.id ?? 'no-such-option');
      }
      if (move.type === 'describe-validly') {
        const rules = currentOutcome(snapshot.context)?.node.description;
        return describe_('x'.repeat(Math.min(Math.max(rules?.minLength ?? 0, 5), rules?.maxLength ?? 5)));
      }
      return move;
    };
    // Weighted towards moving on, so that random walks reach outcomes and change answers often.
    const anyMove: fc.Arbitrary<Move> = fc.oneof(
      { arbitrary: fc.nat().map((index): Move => ({ type: 'answer-some-option', index })), weight: 4 },
      { arbitrary: fc.constant<Move>({ type: 'describe-validly' }), weight: 2 },
      { arbitrary: fc.constantFrom('damaged', 'no-such-option').map(answer), weight: 1 },
      { arbitrary: fc.constant(NEXT), weight: 4 },
      { arbitrary: fc.constant(BACK), weight: 2 },
      { arbitrary: fc.constantFrom(SUBMIT, submitWith('key-2'), submitWith(''), CANCEL, RETRY), weight: 1 },
      { arbitrary: fc.oneof(fc.string({ maxLength: 25 }), fc.constantFrom('', '   ')).map(describe_), weight: 1 },
      { arbitrary: fc.integer({ min: 1, max: 6 }).map(attach), weight: 3 },
      { arbitrary: fc.integer({ min: 1, max: 6 }).map(detach), weight: 1 },
      { arbitrary: fc.constantFrom(...resolutionTypes).map(toggle), weight: 2 },
      { arbitrary: fc.integer({ min: 0, max: 12_000 }).map((amount) => setRefund(eur(amount))), weight: 1 },
      { arbitrary: fc.constantFrom<EditableStep>('question', 'describe', 'evidence', 'propose').map(edit), weight: 1 },
    );

    it('stays on a step that fits the node reached, with entries that fit the outcome', () => {
      fc.assert(
        // Starting from a valid draft at any step as often as from scratch.
        fc.property(
          fc.constantFrom([], ...Object.values(route)),
          fc.array(anyMove, { minLength: 10, maxLength: 80 }),
          (prefix, moves) => {
            let snapshot = start();
            for (const move of [...prefix, ...moves]) {
              snapshot = send(snapshot, eventOf(snapshot, move));
              const { context } = snapshot;
              // The path is a walk from the root.
              let nodeId = testTree.root;
              for (const step of context.path) {
                expect(step.nodeId).to.equal(nodeId);
                const next = questionOf(testTree, nodeId)?.options.find((o) => o.id === step.optionId)?.next;
                expect(next, `option ${step.optionId} of ${nodeId}`).to.be.a('string');
                nodeId = next as string;
              }
              // A key exactly while a request is (or was) on its way; none where the request can change.
              if (['submitting', 'failed', 'submitted'].includes(snapshot.value)) expect(context.submissionKey).to.be.a('string');
              if (['question', 'describe', 'evidence', 'propose'].includes(snapshot.value)) expect(context.submissionKey).to.equal(null);
              const outcome = currentOutcome(context)?.node;
              expect(outcome === undefined).to.equal(snapshot.value === 'question');
              if (outcome === undefined) continue;
              if (snapshot.value === 'evidence') expect(hasEvidenceStep(outcome)).to.equal(true);
              if (snapshot.value === 'propose') expect(hasProposeStep(outcome)).to.equal(true);
              if (snapshot.value === 'review' || snapshot.value === 'submitting') expect(isComplete(snapshot)).to.equal(true);
              expect(context.photos.length).to.be.at.most(outcome.photos.max);
              expect(new Set(context.photos.map((p) => p.id)).size).to.equal(context.photos.length);
              const offered = offeredResolutions(outcome).map((o) => o.type);
              expect(context.proposals.map((p) => p.type)).to.deep.equal(offered.filter((type) => isProposed(snapshot, type)));
              for (const proposal of context.proposals) expect(proposalFits(snapshot, proposal)).to.equal(true);
              expect(JSON.parse(JSON.stringify(context))).to.deep.equal(context);
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('every path through the default trees', () => {
    interface TreePath {
      /** The option ids answered, root first. */
      readonly optionIds: readonly string[];
      /** Every node on the way, the root first and the outcome last. */
      readonly nodeIds: readonly string[];
      readonly outcomeId: string;
    }

    /** Every way from the root to an outcome (validated trees have no cycles, so there are finitely many). */
    function pathsOf(tree: DecisionTree): TreePath[] {
      const paths: TreePath[] = [];
      const visit = (nodeId: string, optionIds: string[], nodeIds: string[]): void => {
        const question = questionOf(tree, nodeId);
        if (question === undefined) {
          paths.push({ optionIds, nodeIds: [...nodeIds, nodeId], outcomeId: nodeId });
          return;
        }
        for (const option of question.options) visit(option.next, [...optionIds, option.id], [...nodeIds, nodeId]);
      };
      visit(tree.root, [], []);
      return paths;
    }

    interface Entries {
      readonly description: string;
      readonly photoIds: readonly string[];
      readonly price: Money;
      /** The resolutions chosen, in the order they are toggled. */
      readonly chosen: readonly ResolutionOption[];
      /** The partial refund set, when one is chosen. */
      readonly refund: Money | undefined;
    }

    /** What a buyer may enter at `outcome`, generated within its rules for any price. */
    function entriesAt(outcome: OutcomeNode): fc.Arbitrary<Entries> {
      const { required, minLength, maxLength } = outcome.description;
      const shortest = Math.max(minLength, required ? 1 : 0);
      // Letters, spaces and punctuation in the Basic Multilingual Plane, so that the length is exact;
      // a space at either end is replaced, so that the trimmed length is the length generated.
      const text = fc.integer({ min: shortest, max: maxLength }).chain((length) =>
        fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéßç .,!?—'), minLength: length, maxLength: length })
          .map((typed) => typed.replace(/^\s/, 'x').replace(/\s$/, 'x')));
      const description = shortest === 0 ? fc.oneof(fc.constant(''), text) : text;
      const photoIds = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 128 }), { minLength: outcome.photos.min, maxLength: outcome.photos.max });
      const price = fc.record({
        amount: fc.integer({ min: 1, max: 10_000_000 }),
        currency: fc.constantFrom('EUR', 'JPY', 'KWD'),
      });
      const offered = offeredResolutions(outcome);
      // Chosen in any order; the request lists them in the order the outcome offers them.
      const chosen: fc.Arbitrary<ResolutionOption[]> = offered.length === 0 ? fc.constant([]) : fc.shuffledSubarray([...offered], { minLength: 1 });
      return fc.record({ description, photoIds, price, chosen }).chain((entries): fc.Arbitrary<Entries> => {
        const refund = entries.chosen.find((option) => option.type === 'partial_refund');
        if (refund?.type !== 'partial_refund') return fc.constant({ ...entries, refund: undefined });
        const { min, max } = concreteBounds(refund.bounds, entries.price);
        return fc.integer({ min: min.amount, max: max.amount }).map((amount) => ({ ...entries, refund: { amount, currency: entries.price.currency } }));
      });
    }

    const trees: { name: string; tree: DecisionTree }[] = [
      { name: 'physical goods', tree: physicalGoodsTree },
      { name: 'services', tree: servicesTree },
    ];
    for (const { name, tree } of trees) {
      const paths = pathsOf(tree);

      it(`visits every node and takes every option of the ${name} tree on some path`, () => {
        expect(validateTree(tree).ok).to.equal(true);
        const visited = new Set(paths.flatMap((path) => path.nodeIds));
        expect([...visited].sort()).to.deep.equal(Object.keys(tree.nodes).sort());
        const taken = new Set(paths.flatMap((path) => path.optionIds.map((optionId, i) => `${path.nodeIds[i]}/${optionId}`)));
        const options = Object.keys(tree.nodes).flatMap((id) => questionOf(tree, id)?.options.map((o) => `${id}/${o.id}`) ?? []);
        expect([...taken].sort()).to.deep.equal(options.sort());
      });

      for (const { optionIds, outcomeId } of paths) {
        const outcome = outcomeOf(tree, outcomeId)!;
        it(`submits generated entries on the ${name} tree along ${[...optionIds, outcomeId].join(' → ')}, and the backend opens each`, async () => {
          await fc.assert(
            fc.asyncProperty(entriesAt(outcome), async ({ description, photoIds, price, chosen, refund }) => {
              const from: IntakeInput = { orderId: `order-${tree.id}`, tree, price };
              const machine = machineSubmittingWith(async (request) => opened(request, `dispute-${outcomeId}`, from));
              const events: IntakeEvent[] = [...optionIds.map(answer), describe_(description), NEXT];
              if (hasEvidenceStep(outcome)) {
                events.push(...photoIds.map((id): IntakeEvent => ({ type: 'ATTACH_PHOTO', photo: { id, name: 'photo.jpg' } })), NEXT);
              }
              if (hasProposeStep(outcome)) {
                events.push(...chosen.map((option) => toggle(option.type)));
                if (refund !== undefined) events.push(setRefund(refund));
                events.push(NEXT);
              }
              const actor = running(machine, events, from);
              expect(actor.getSnapshot().value).to.equal('review');
              expect(openingFaults(actor.getSnapshot())).to.deep.equal([]);
              actor.send(submitWith(`key-${outcomeId}`));
              const done = await waitFor(actor, settled);
              actor.stop();
              expect(done.value, JSON.stringify(done.context.error)).to.equal('submitted');

              const dispute = done.context.dispute!;
              expect(dispute.status).to.equal(outcome.toSupport === true ? 'escalated' : 'awaiting_seller');
              expect(dispute.path.map((step) => step.optionId)).to.deep.equal(optionIds);
              expect(dispute.outcomeId).to.equal(outcomeId);
              expect(dispute.description).to.equal(description.trim());
              expect(dispute.photos.map((photo) => photo.id)).to.deep.equal(hasEvidenceStep(outcome) ? photoIds : []);
              const types = offeredResolutions(outcome).map((o) => o.type).filter((type) => chosen.some((o) => o.type === type));
              expect(dispute.proposals.map((p) => p.resolution.type)).to.deep.equal(types);
              const partial = dispute.proposals.find((p) => p.resolution.type === 'partial_refund')?.resolution;
              expect(partial?.type === 'partial_refund' ? partial.amount : undefined).to.deep.equal(refund);
            }),
            { numRuns: 8 },
          );
        });
      }
    }
  });
});
