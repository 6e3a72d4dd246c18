import {
  outcomeOf,
  questionOf,
  type DecisionTree,
  type Dispute,
  type Money,
  type OutcomeNode,
  type PathStep,
  type QuestionNode,
  type Resolution,
  type ResolutionOption,
} from '@amicable/protocol';
import type { Failure } from '../failure.js';

/** What the intake starts from: the order, its (already validated) decision tree and the price paid. */
export interface IntakeInput {
  readonly orderId: string;
  readonly tree: DecisionTree;
  readonly price: Money;
}

/** A photo the buyer attached; its `id` is what the backend knows it by (see `OpenDisputeRequest.photoIds`). */
export interface AttachedPhoto {
  readonly id: string;
  readonly name: string;
}

/**
 * Everything the buyer has entered, plus what the submission produced. Plain JSON on purpose: a
 * persisted snapshot is a draft that survives a reload.
 */
export interface IntakeContext {
  readonly orderId: string;
  readonly tree: DecisionTree;
  readonly price: Money;
  /** The answered questions, root first. The node the buyer stands on follows from it. */
  readonly path: readonly PathStep[];
  /** As typed; trimmed when validated and submitted, so that the field keeps what the buyer sees. */
  readonly description: string;
  readonly photos: readonly AttachedPhoto[];
  /** Chosen resolutions, in the order the outcome offers them. */
  readonly proposals: readonly Resolution[];
  /** The dispute the backend opened, once submitted: what the buyer's widget shows next. */
  readonly dispute: Dispute | null;
  /** Why the last submission failed (see `failureOf`); `null` while none has. */
  readonly error: Failure | null;
  /**
   * The idempotency key of the request being submitted: set by the first `SUBMIT` (from the key it
   * carries), kept by `RETRY`, `CANCEL` and a reload, so that the backend can tell a repeat of the
   * same request from a new one; dropped as soon as the buyer goes back to a step where the request
   * can change, so that a changed request gets a new key. `null` until submitted.
   */
  readonly submissionKey: string | null;
}

/** The steps of the intake, in order. `submitting`, `submitted` and `failed` follow `review`. */
export type IntakeStep = 'question' | 'describe' | 'evidence' | 'propose' | 'review';

/** Steps the buyer can jump back to from the review (or after a failed submission). */
export type EditableStep = Exclude<IntakeStep, 'review'>;

/** Anything that carries the intake's context: a snapshot, or the arguments of a guard or action. */
export interface HasIntakeContext {
  readonly context: IntakeContext;
}

/** The id of the node the buyer stands on: the root, or where the last answer leads. */
export function currentNodeId(context: IntakeContext): string {
  const last = context.path.at(-1);
  if (last === undefined) return context.tree.root;
  const option = questionOf(context.tree, last.nodeId)?.options.find((o) => o.id === last.optionId);
  // A validated tree has every answered option; falling back to the root keeps a corrupted draft walkable.
  return option?.next ?? context.tree.root;
}

/** The question the buyer is answering, with its id, or `undefined` once an outcome is reached. */
export function currentQuestion(context: IntakeContext): { readonly id: string; readonly node: QuestionNode } | undefined {
  const id = currentNodeId(context);
  const node = questionOf(context.tree, id);
  return node === undefined ? undefined : { id, node };
}

/** The outcome the answers lead to, with its id, or `undefined` while questions remain. */
export function currentOutcome(context: IntakeContext): { readonly id: string; readonly node: OutcomeNode } | undefined {
  const id = currentNodeId(context);
  const node = outcomeOf(context.tree, id);
  return node === undefined ? undefined : { id, node };
}

/** Resolutions the buyer may choose at `outcome`: none when the case goes straight to support. */
export function offeredResolutions(outcome: OutcomeNode): readonly ResolutionOption[] {
  return outcome.toSupport === true ? [] : outcome.resolutions;
}

/** Whether `outcome` asks for photos at all; when it allows none, the evidence step is skipped. */
export function hasEvidenceStep(outcome: OutcomeNode): boolean {
  return outcome.photos.max > 0;
}

/** Whether the buyer proposes anything at `outcome`; straight-to-support outcomes skip the step. */
export function hasProposeStep(outcome: OutcomeNode): boolean {
  return offeredResolutions(outcome).length > 0;
}

/** The steps the buyer goes through once at `outcome`, in order. */
export function outcomeSteps(outcome: OutcomeNode): readonly IntakeStep[] {
  const steps: IntakeStep[] = ['describe'];
  if (hasEvidenceStep(outcome)) steps.push('evidence');
  if (hasProposeStep(outcome)) steps.push('propose');
  steps.push('review');
  return steps;
}
