import type { Dispute, Resolution, SellerResponse } from '@amicable/protocol';
import { assertEvent, assign, fromPromise, setup } from 'xstate';
import { failureOf } from '../failure.js';
import { isSubmissionKey, submissionKeyFor } from '../submission-key.js';
import {
  acceptable,
  counterAvailable,
  draftResponse,
  initialContext,
  type ResponseContext,
  type ResponseInput,
} from './response.rules.js';

export type {
  ClosedReason,
  CounterDraft,
  CounterError,
  MessageError,
  ReasonError,
  ResponseChoice,
  ResponseContext,
  ResponseInput,
} from './response.rules.js';

/** What the injected `respond` actor resolves with: the dispute as the backend now has it. */
export type RespondResult = Dispute;

/** What the `respond` actor is given: the response, and the idempotency key to send it with. */
export interface RespondInput {
  readonly response: SellerResponse;
  /** The same for every attempt to send this response (`RETRY`, a restored flow); new once it changes. */
  readonly idempotencyKey: string;
}

/** What the seller does, as the proposal picker sends it. */
export type ResponseEvent =
  | { readonly type: 'CHOOSE_ACCEPT'; readonly proposalId: string }
  | { readonly type: 'CHOOSE_COUNTER' }
  | { readonly type: 'CHOOSE_REJECT' }
  | { readonly type: 'SET_COUNTER'; readonly resolution: Resolution }
  | { readonly type: 'SET_COUNTER_MESSAGE'; readonly message: string }
  | { readonly type: 'SET_REASON'; readonly reason: string }
  | { readonly type: 'BACK' }
  | { readonly type: 'CONTINUE' }
  /**
   * Send the response. `key` (a fresh `crypto.randomUUID()`) becomes its idempotency key unless the
   * response already has one (after `BACK` from a failure, nothing has changed). Refused without a
   * non-empty key.
   */
  | { readonly type: 'CONFIRM'; readonly key: string }
  | { readonly type: 'RETRY' };

/**
 * The seller's response flow: review the proposals, then accept one, counter once or reject with
 * a reason, confirm, and send it through the injected `respond` actor. Its input is the dispute and
 * the decision tree it was opened under; the flow finds the dispute's outcome in the tree. It
 * starts (and stays) `closed`, saying why in `context.closedBecause`, when the dispute is not
 * awaiting the seller, when the tree is not the one the dispute names (id and version), or when
 * that tree lacks the dispute's outcome.
 *
 * Sending is provided by the host element:
 *
 * ```ts
 * const machine = responseMachine.provide({
 *   actors: {
 *     respond: fromPromise(({ input, signal }) =>
 *       client.respond(dispute.orderId, input.response, { idempotencyKey: input.idempotencyKey, signal })),
 *   },
 * });
 * actor.send({ type: 'CONFIRM', key: crypto.randomUUID() });
 * ```
 *
 * where `input.response` is a valid `SellerResponse` and `signal` aborts when the flow is stopped.
 *
 * Idempotency: the key comes in with `CONFIRM`, so that the machine stays pure, and is kept in
 * `context.submissionKey`. `RETRY` and a flow restored while sending send the same response with
 * the same key, so a response that reached the backend before it timed out counts once. Going back
 * to any step where the response can change (`BACK` from the confirmation, and so every `SET_*` and
 * choice after it) drops the key, and the next `CONFIRM` brings a new one.
 */
export const responseMachine = setup({
  types: {
    input: {} as ResponseInput,
    context: {} as ResponseContext,
    events: {} as ResponseEvent,
  },
  actions: {
    chooseAccept: assign(({ event }) => {
      assertEvent(event, 'CHOOSE_ACCEPT');
      return { choice: 'accept' as const, proposalId: event.proposalId };
    }),
    chooseCounter: assign({ choice: 'counter' as const }),
    chooseReject: assign({ choice: 'reject' as const }),
    setCounter: assign(({ context, event }) => {
      assertEvent(event, 'SET_COUNTER');
      return { counter: { ...context.counter, resolution: event.resolution } };
    }),
    setCounterMessage: assign(({ context, event }) => {
      assertEvent(event, 'SET_COUNTER_MESSAGE');
      return { counter: { ...context.counter, message: event.message } };
    }),
    setReason: assign(({ event }) => {
      assertEvent(event, 'SET_REASON');
      return { reason: event.reason };
    }),
    recordResponse: assign(({ context, event }) => {
      assertEvent(event, 'CONFIRM');
      return { submitted: draftResponse(context), submissionKey: submissionKeyFor(context.submissionKey, event.key) };
    }),
    // Every step where the response can change starts without a key: a changed response is a new one.
    forgetSubmissionKey: assign({ submissionKey: null }),
    clearError: assign({ error: null }),
    recordError: assign((_, params: { error: unknown }) => ({ error: failureOf(params.error) })),
    recordDispute: assign((_, params: { dispute: Dispute }) => ({ dispute: params.dispute })),
  },
  guards: {
    open: ({ context }) => context.closedBecause === null,
    /** A proposal of the buyer's that splits the price (one above it cannot be settled). */
    acceptableProposal: ({ context, event }) => {
      assertEvent(event, 'CHOOSE_ACCEPT');
      return acceptable(context, event.proposalId);
    },
    counterAvailable: ({ context }) => counterAvailable(context),
    responseValid: ({ context }) => draftResponse(context) !== null,
    choseAccept: ({ context }) => context.choice === 'accept',
    choseCounter: ({ context }) => context.choice === 'counter',
    /** A key is kept from an earlier attempt at the same response, or `CONFIRM` brings one. */
    hasSubmissionKey: ({ context, event }) => {
      assertEvent(event, 'CONFIRM');
      return isSubmissionKey(context.submissionKey) || isSubmissionKey(event.key);
    },
    keptSubmissionKey: ({ context }) => isSubmissionKey(context.submissionKey),
  },
  actors: {
    respond: fromPromise<RespondResult, RespondInput>(async () => {
      throw new Error('respond must be provided: responseMachine.provide({ actors: { respond } })');
    }),
  },
}).createMachine({
  id: 'response',
  context: ({ input }) => initialContext(input),
  initial: 'checking',
  states: {
    // Decided once from the input; a persisted snapshot never stands here.
    checking: {
      always: [{ guard: 'open', target: 'reviewing' }, { target: 'closed' }],
    },
    reviewing: {
      entry: 'forgetSubmissionKey',
      on: {
        CHOOSE_ACCEPT: { guard: 'acceptableProposal', target: 'accepting', actions: 'chooseAccept' },
        CHOOSE_COUNTER: { guard: 'counterAvailable', target: 'countering', actions: 'chooseCounter' },
        CHOOSE_REJECT: { target: 'rejecting', actions: 'chooseReject' },
      },
    },
    accepting: {
      entry: 'forgetSubmissionKey',
      on: {
        CHOOSE_ACCEPT: { guard: 'acceptableProposal', actions: 'chooseAccept' },
        BACK: 'reviewing',
        CONTINUE: { guard: 'responseValid', target: 'confirming' },
      },
    },
    countering: {
      entry: 'forgetSubmissionKey',
      on: {
        SET_COUNTER: { actions: 'setCounter' },
        SET_COUNTER_MESSAGE: { actions: 'setCounterMessage' },
        BACK: 'reviewing',
        CONTINUE: { guard: 'responseValid', target: 'confirming' },
      },
    },
    rejecting: {
      entry: 'forgetSubmissionKey',
      on: {
        SET_REASON: { actions: 'setReason' },
        BACK: 'reviewing',
        CONTINUE: { guard: 'responseValid', target: 'confirming' },
      },
    },
    confirming: {
      on: {
        BACK: [
          { guard: 'choseAccept', target: 'accepting' },
          { guard: 'choseCounter', target: 'countering' },
          { target: 'rejecting' },
        ],
        CONFIRM: { guard: 'hasSubmissionKey', target: 'submitting', actions: 'recordResponse' },
      },
    },
    submitting: {
      entry: 'clearError',
      invoke: {
        src: 'respond',
        input: ({ context }): RespondInput => {
          // CONFIRM records the response and its key on the way in, and only a valid draft reaches confirming.
          if (context.submitted === null) throw new Error('no response to send');
          if (!isSubmissionKey(context.submissionKey)) throw new Error('cannot send a response without an idempotency key');
          return { response: context.submitted, idempotencyKey: context.submissionKey };
        },
        onDone: {
          target: 'done',
          actions: { type: 'recordDispute', params: ({ event }) => ({ dispute: event.output }) },
        },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ error: event.error }) },
        },
      },
    },
    failed: {
      on: {
        RETRY: { guard: 'keptSubmissionKey', target: 'submitting' },
        BACK: 'confirming',
      },
    },
    done: { type: 'final' },
    closed: { type: 'final' },
  },
});

