import { Id, type Dispute, type Money, type OpenDisputeRequest, type Resolution, type ResolutionType } from '@amicable/protocol';
import { and, assertEvent, assign, fromPromise, setup, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import { failureOf } from '../failure.js';
import { isSubmissionKey, submissionKeyFor } from '../submission-key.js';
import {
  currentOutcome,
  currentQuestion,
  hasEvidenceStep,
  hasProposeStep,
  offeredResolutions,
  type AttachedPhoto,
  type EditableStep,
  type IntakeContext,
  type IntakeInput,
} from './intake.context.js';
import {
  descriptionError,
  disputeRequest,
  initialProposal,
  isComplete,
  isProposed,
  photoCountError,
  proposalError,
  proposalFits,
  refundError,
  remainingPhotoSlots,
} from './intake.selectors.js';

/** What the buyer's intake listens to. */
export type IntakeEvent =
  /** Choose an option of the current question. */
  | { type: 'ANSWER'; optionId: string }
  /** Go to the previous step; on a question, undo the last answer. */
  | { type: 'BACK' }
  /** Leave the describe, evidence or propose step once it is valid. */
  | { type: 'NEXT' }
  | { type: 'SET_DESCRIPTION'; text: string }
  /**
   * Attach an uploaded photo; refused beyond the outcome's maximum, for an id already attached and
   * for one the protocol's `Id` refuses (empty, or over 128 characters).
   */
  | { type: 'ATTACH_PHOTO'; photo: AttachedPhoto }
  | { type: 'DETACH_PHOTO'; id: string }
  /** Choose or drop a resolution the outcome offers. */
  | { type: 'TOGGLE_PROPOSAL'; resolutionType: ResolutionType }
  /** Change the chosen partial refund; refused when it is not money or outside its bounds (see `refundError`). */
  | { type: 'SET_REFUND'; amount: Money }
  /** From the review or a failed submission, jump back to a step to change it. */
  | { type: 'EDIT'; step: EditableStep }
  /**
   * Send the request. `key` (a fresh `crypto.randomUUID()`) becomes its idempotency key unless the
   * request already has one: after `CANCEL` or `BACK` from a failure, nothing has changed and the
   * key is kept. Refused without a non-empty key.
   */
  | { type: 'SUBMIT'; key: string }
  /** Send the same request again, with the same idempotency key. */
  | { type: 'RETRY' }
  /** Stop a submission in flight: its `AbortSignal` fires and the buyer is back at the review. */
  | { type: 'CANCEL' };

/** What the `submitDispute` actor is given: the request, and the idempotency key to send it with. */
export interface SubmitDisputeInput {
  readonly request: OpenDisputeRequest;
  /** The same for every attempt to send this request (`RETRY`, a restored draft); new once it changes. */
  readonly idempotencyKey: string;
}

/**
 * The buyer's intake: walk the decision tree, then describe the problem, attach photos, propose
 * resolutions, review and submit. Everything it needs comes in as input; the submission goes through
 * the `submitDispute` actor the embedding element provides:
 *
 * ```ts
 * const machine = intakeMachine.provide({
 *   actors: {
 *     submitDispute: fromPromise(async ({ input, signal }) => {
 *       // The dispute the backend opened.
 *       return client.openDispute(input.request.orderId, input.request, { idempotencyKey: input.idempotencyKey, signal });
 *     }),
 *   },
 * });
 * actor.send({ type: 'SUBMIT', key: crypto.randomUUID() });
 * ```
 *
 * Idempotency: the key comes in with `SUBMIT`, so that the machine stays pure, and is kept in
 * `context.submissionKey`. `RETRY`, `CANCEL` followed by `SUBMIT`, and a draft restored while
 * submitting all send the same request with the same key, so a request that reached the backend
 * before it timed out opens one dispute, not two. Going back to any step where the request can
 * change (`EDIT`, `BACK` from the review) drops the key, and the next `SUBMIT` brings a new one.
 *
 * Changing an answer keeps the description (the buyer's words still describe their problem), drops
 * proposals the new outcome does not offer (a kept partial refund outside the new bounds, or a return
 * on other terms, starts over from the outcome's suggestion) and photos beyond its maximum.
 * Proposals are kept in the order the outcome offers them, not the order they were clicked, since
 * "the first proposal" has a meaning for the lifecycle's deadline.
 *
 * The context is plain JSON, so `getPersistedSnapshot()` is a draft that survives a reload. A draft
 * persisted while submitting submits again when restored, with the same idempotency key.
 */
export const intakeMachine = setup({
  types: {
    context: {} as IntakeContext,
    events: {} as IntakeEvent,
    input: {} as IntakeInput,
  },
  actors: {
    submitDispute: fromPromise<Dispute, SubmitDisputeInput>(async () => {
      throw new Error('intakeMachine needs a submitDispute actor: intakeMachine.provide({ actors: { submitDispute } })');
    }),
  },
  guards: {
    atOutcome: ({ context }) => currentOutcome(context) !== undefined,
    hasAnswers: ({ context }) => context.path.length > 0,
    isOfferedAnswer: ({ context, event }) => {
      assertEvent(event, 'ANSWER');
      return currentQuestion(context)?.node.options.some((o) => o.id === event.optionId) ?? false;
    },
    hasEvidenceStep: ({ context }) => hasEvidenceOutcome(context),
    hasProposeStep: ({ context }) => hasProposeOutcome(context),
    descriptionValid: ({ context }) => descriptionError({ context }) === null,
    photoCountValid: ({ context }) => photoCountError({ context }) === null,
    canAttachPhoto: ({ context, event }) => {
      assertEvent(event, 'ATTACH_PHOTO');
      const { id } = event.photo;
      // An id the request's schema refuses would leave the review unable to submit.
      return Id.safeParse(id).success && remainingPhotoSlots({ context }) > 0 && !context.photos.some((p) => p.id === id);
    },
    isAttached: ({ context, event }) => {
      assertEvent(event, 'DETACH_PHOTO');
      return context.photos.some((p) => p.id === event.id);
    },
    canToggleProposal: ({ context, event }) => {
      assertEvent(event, 'TOGGLE_PROPOSAL');
      const outcome = currentOutcome(context)?.node;
      const option = outcome && offeredResolutions(outcome).find((o) => o.type === event.resolutionType);
      if (option === undefined) return false;
      return isProposed({ context }, option.type) || initialProposal({ context }, option) !== undefined;
    },
    canSetRefund: ({ context, event }) => {
      assertEvent(event, 'SET_REFUND');
      return isProposed({ context }, 'partial_refund') && refundError({ context }, event.amount) === null;
    },
    proposalsValid: ({ context }) => proposalError({ context }) === null,
    isComplete: ({ context }) => isComplete({ context }),
    /** A key is kept from an earlier attempt at the same request, or `SUBMIT` brings one. */
    hasSubmissionKey: ({ context, event }) => {
      assertEvent(event, 'SUBMIT');
      return isSubmissionKey(context.submissionKey) || isSubmissionKey(event.key);
    },
    keptSubmissionKey: ({ context }) => isSubmissionKey(context.submissionKey),
    /** Whether `EDIT` asks for `params.step` and the outcome reached has that step. */
    editsStep: ({ context, event }, params: { step: EditableStep }) => {
      assertEvent(event, 'EDIT');
      if (event.step !== params.step) return false;
      switch (params.step) {
        case 'question':
          return context.path.length > 0;
        case 'describe':
          return true;
        case 'evidence':
          return hasEvidenceOutcome(context);
        case 'propose':
          return hasProposeOutcome(context);
      }
    },
  },
  actions: {
    recordAnswer: assign(({ context, event }) => {
      assertEvent(event, 'ANSWER');
      const question = currentQuestion(context);
      if (question === undefined) return {};
      return { path: [...context.path, { nodeId: question.id, optionId: event.optionId }] };
    }),
    undoAnswer: assign(({ context }) => ({ path: context.path.slice(0, -1) })),
    fitToOutcome: assign(({ context }) => {
      const outcome = currentOutcome(context)?.node;
      if (outcome === undefined) return {};
      const proposals = offeredResolutions(outcome).flatMap((option): Resolution[] => {
        const chosen = context.proposals.find((p) => p.type === option.type);
        if (chosen === undefined) return [];
        if (proposalFits({ context }, chosen)) return [chosen];
        const fresh = initialProposal({ context }, option);
        return fresh === undefined ? [] : [fresh];
      });
      return { photos: context.photos.slice(0, outcome.photos.max), proposals };
    }),
    setDescription: assign(({ event }) => {
      assertEvent(event, 'SET_DESCRIPTION');
      return { description: event.text };
    }),
    attachPhoto: assign(({ context, event }) => {
      assertEvent(event, 'ATTACH_PHOTO');
      // Copied field by field: the UI may hand over a richer object, and the context stays plain JSON.
      return { photos: [...context.photos, { id: event.photo.id, name: event.photo.name }] };
    }),
    detachPhoto: assign(({ context, event }) => {
      assertEvent(event, 'DETACH_PHOTO');
      return { photos: context.photos.filter((p) => p.id !== event.id) };
    }),
    toggleProposal: assign(({ context, event }) => {
      assertEvent(event, 'TOGGLE_PROPOSAL');
      const outcome = currentOutcome(context)?.node;
      if (outcome === undefined) return {};
      if (isProposed({ context }, event.resolutionType)) {
        return { proposals: context.proposals.filter((p) => p.type !== event.resolutionType) };
      }
      const proposals = offeredResolutions(outcome).flatMap((option): Resolution[] => {
        const chosen = context.proposals.find((p) => p.type === option.type);
        if (chosen !== undefined) return [chosen];
        if (option.type !== event.resolutionType) return [];
        const fresh = initialProposal({ context }, option);
        return fresh === undefined ? [] : [fresh];
      });
      return { proposals };
    }),
    setRefund: assign(({ context, event }) => {
      assertEvent(event, 'SET_REFUND');
      const amount = { amount: event.amount.amount, currency: event.amount.currency };
      return {
        proposals: context.proposals.map((p): Resolution => (p.type === 'partial_refund' ? { type: 'partial_refund', amount } : p)),
      };
    }),
    keepSubmissionKey: assign(({ context, event }) => {
      assertEvent(event, 'SUBMIT');
      return { submissionKey: submissionKeyFor(context.submissionKey, event.key) };
    }),
    // Every step where the request can change starts without a key: a changed request is a new one.
    forgetSubmissionKey: assign({ submissionKey: null }),
    storeDispute: assign((_, params: { dispute: Dispute }) => ({ dispute: params.dispute })),
    storeFailure: assign((_, params: { error: unknown }) => ({ error: failureOf(params.error) })),
    clearFailure: assign({ error: null }),
  },
}).createMachine({
  id: 'intake',
  context: ({ input }) => ({
    orderId: input.orderId,
    tree: input.tree,
    price: input.price,
    path: [],
    description: '',
    photos: [],
    proposals: [],
    dispute: null,
    error: null,
    submissionKey: null,
  }),
  initial: 'question',
  states: {
    question: {
      entry: 'forgetSubmissionKey',
      // Reaching an outcome, by an answer or because the tree starts at one, opens its first step.
      always: { guard: 'atOutcome', target: 'describe', actions: 'fitToOutcome' },
      on: {
        ANSWER: { guard: 'isOfferedAnswer', actions: 'recordAnswer' },
        BACK: { guard: 'hasAnswers', actions: 'undoAnswer' },
      },
    },
    describe: {
      entry: 'forgetSubmissionKey',
      on: {
        SET_DESCRIPTION: { actions: 'setDescription' },
        NEXT: [
          { guard: and(['descriptionValid', 'hasEvidenceStep']), target: 'evidence' },
          { guard: and(['descriptionValid', 'hasProposeStep']), target: 'propose' },
          { guard: 'descriptionValid', target: 'review' },
        ],
        BACK: { guard: 'hasAnswers', target: 'question', actions: 'undoAnswer' },
      },
    },
    evidence: {
      entry: 'forgetSubmissionKey',
      on: {
        ATTACH_PHOTO: { guard: 'canAttachPhoto', actions: 'attachPhoto' },
        DETACH_PHOTO: { guard: 'isAttached', actions: 'detachPhoto' },
        NEXT: [
          { guard: and(['photoCountValid', 'hasProposeStep']), target: 'propose' },
          { guard: 'photoCountValid', target: 'review' },
        ],
        BACK: { target: 'describe' },
      },
    },
    propose: {
      entry: 'forgetSubmissionKey',
      on: {
        TOGGLE_PROPOSAL: { guard: 'canToggleProposal', actions: 'toggleProposal' },
        SET_REFUND: { guard: 'canSetRefund', actions: 'setRefund' },
        NEXT: { guard: 'proposalsValid', target: 'review' },
        BACK: [{ guard: 'hasEvidenceStep', target: 'evidence' }, { target: 'describe' }],
      },
    },
    review: {
      on: {
        SUBMIT: { guard: and(['isComplete', 'hasSubmissionKey']), target: 'submitting', actions: 'keepSubmissionKey' },
        BACK: [
          { guard: 'hasProposeStep', target: 'propose' },
          { guard: 'hasEvidenceStep', target: 'evidence' },
          { target: 'describe' },
        ],
        EDIT: editTransitions(),
      },
    },
    submitting: {
      entry: 'clearFailure',
      invoke: {
        id: 'submitDispute',
        src: 'submitDispute',
        input: ({ context }) => submissionOf(context),
        onDone: { target: 'submitted', actions: { type: 'storeDispute', params: ({ event }) => ({ dispute: event.output }) } },
        onError: { target: 'failed', actions: { type: 'storeFailure', params: ({ event }) => ({ error: event.error }) } },
      },
      on: {
        // Leaving the state stops the promise actor, which aborts the signal it was given.
        CANCEL: { target: 'review' },
      },
    },
    submitted: { type: 'final' },
    failed: {
      on: {
        RETRY: { guard: and(['isComplete', 'keptSubmissionKey']), target: 'submitting' },
        BACK: { target: 'review' },
        EDIT: editTransitions(),
      },
    },
  },
});

/** A running intake. */
export type IntakeActor = ActorRefFrom<typeof intakeMachine>;
/** A snapshot of the intake: what the UI renders from. */
export type IntakeSnapshot = SnapshotFrom<typeof intakeMachine>;

function editTransitions() {
  return [
    { guard: { type: 'editsStep', params: { step: 'question' } }, target: 'question', actions: 'undoAnswer' },
    { guard: { type: 'editsStep', params: { step: 'describe' } }, target: 'describe' },
    { guard: { type: 'editsStep', params: { step: 'evidence' } }, target: 'evidence' },
    { guard: { type: 'editsStep', params: { step: 'propose' } }, target: 'propose' },
  ] as const;
}

function hasEvidenceOutcome(context: IntakeContext): boolean {
  const outcome = currentOutcome(context)?.node;
  return outcome !== undefined && hasEvidenceStep(outcome);
}

function hasProposeOutcome(context: IntakeContext): boolean {
  const outcome = currentOutcome(context)?.node;
  return outcome !== undefined && hasProposeStep(outcome);
}


function submissionOf(context: IntakeContext): SubmitDisputeInput {
  const request = disputeRequest({ context });
  // `submitting` is only reached from the review, which is only reached at an outcome, and with a key.
  if (request === null) throw new Error('cannot submit before an outcome is reached');
  if (!isSubmissionKey(context.submissionKey)) throw new Error('cannot submit without an idempotency key');
  return { request, idempotencyKey: context.submissionKey };
}
