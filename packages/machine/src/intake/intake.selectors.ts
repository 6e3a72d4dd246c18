import {
  checkResolution,
  concreteBounds,
  defaultResolution,
  type ConcreteBounds,
  type Money,
  type OpenDisputeRequest,
  type Resolution,
  type ResolutionOption,
  type ResolutionType,
} from '@amicable/protocol';
import {
  currentOutcome,
  hasEvidenceStep,
  hasProposeStep,
  offeredResolutions,
  outcomeSteps,
  type HasIntakeContext,
  type IntakeStep,
} from './intake.context.js';
import type { IntakeEvent, IntakeSnapshot } from './intake.machine.js';

// Every function here takes anything with the intake's `context` (a snapshot, or a guard's or an
// action's arguments), so the machine's guards and the UI's messages can never disagree.

/** Why the description cannot be accepted. */
export type DescriptionError = 'required' | 'too_short' | 'too_long';

/** Why the photos cannot be accepted. */
export type PhotoCountError = 'too_few';

/** Why a partial-refund amount cannot be proposed at this outcome. */
export type RefundError = 'not_offered' | 'currency_mismatch' | 'below_min' | 'above_max';

/** Why the proposals cannot be accepted. */
export type ProposalError = 'none_selected';

/**
 * The length the description rules count: the trimmed text in UTF-16 code units, as the wire
 * schema (`OpenDisputeRequest.description`) and the backend count it.
 */
export function descriptionLength(text: string): number {
  return text.trim().length;
}

/**
 * What is wrong with the description under the outcome's rules, or `null` (also before an outcome
 * is reached). An empty optional description is fine; a non-empty one must meet `minLength`.
 */
export function descriptionError({ context }: HasIntakeContext): DescriptionError | null {
  const rules = currentOutcome(context)?.node.description;
  if (rules === undefined) return null;
  const length = descriptionLength(context.description);
  if (length === 0) return rules.required ? 'required' : null;
  if (length < rules.minLength) return 'too_short';
  if (length > rules.maxLength) return 'too_long';
  return null;
}

/** How many more photos the outcome accepts (0 before an outcome is reached). */
export function remainingPhotoSlots({ context }: HasIntakeContext): number {
  const outcome = currentOutcome(context)?.node;
  if (outcome === undefined) return 0;
  return Math.max(0, outcome.photos.max - context.photos.length);
}

/** Whether too few photos are attached for the outcome, or `null` when the count is fine. */
export function photoCountError({ context }: HasIntakeContext): PhotoCountError | null {
  const outcome = currentOutcome(context)?.node;
  if (outcome === undefined) return null;
  return context.photos.length < outcome.photos.min ? 'too_few' : null;
}

/**
 * The partial refund's bounds in the price's currency at the current outcome, or `null` when the
 * outcome offers no partial refund (or its absolute bounds are in another currency than the price).
 */
export function refundBounds({ context }: HasIntakeContext): ConcreteBounds | null {
  const option = offeredOption(context, 'partial_refund');
  if (option?.type !== 'partial_refund') return null;
  if (option.bounds.unit === 'amount' && option.bounds.currency !== context.price.currency) return null;
  return concreteBounds(option.bounds, context.price);
}

/**
 * Why `amount` cannot be the partial refund, or `null` when it can. Without `amount`, checks the
 * amount currently proposed (`null` when no partial refund is chosen). The UI calls it with what
 * the buyer typed, before sending `SET_REFUND`, which the machine refuses for the same reasons.
 */
export function refundError(snapshot: HasIntakeContext, amount?: Money): RefundError | null {
  const candidate = amount ?? proposedRefund(snapshot);
  if (candidate === undefined) return null;
  const outcome = currentOutcome(snapshot.context)?.node;
  if (outcome === undefined || offeredOption(snapshot.context, 'partial_refund') === undefined) return 'not_offered';
  if (refundBounds(snapshot) === null) return 'currency_mismatch';
  const fault = checkResolution(outcome, snapshot.context.price, { type: 'partial_refund', amount: candidate });
  if (fault === null) return null;
  return fault.code === 'below_min' || fault.code === 'above_max' || fault.code === 'currency_mismatch'
    ? fault.code
    : 'not_offered';
}

/** The partial refund the buyer currently proposes, if any. */
export function proposedRefund({ context }: HasIntakeContext): Money | undefined {
  const refund = context.proposals.find((p) => p.type === 'partial_refund');
  return refund?.type === 'partial_refund' ? refund.amount : undefined;
}

/** Whether the buyer currently proposes a resolution of `type`. */
export function isProposed({ context }: HasIntakeContext, type: ResolutionType): boolean {
  return context.proposals.some((p) => p.type === type);
}

/** Whether nothing is proposed at an outcome that asks for proposals, or `null`. */
export function proposalError({ context }: HasIntakeContext): ProposalError | null {
  const outcome = currentOutcome(context)?.node;
  if (outcome === undefined || !hasProposeStep(outcome)) return null;
  return context.proposals.length === 0 ? 'none_selected' : null;
}

/**
 * Whether `resolution` may be proposed at the current outcome: offered there and, for a partial
 * refund, within its bounds.
 */
export function proposalFits(snapshot: HasIntakeContext, resolution: Resolution): boolean {
  const outcome = currentOutcome(snapshot.context)?.node;
  if (outcome === undefined || offeredOption(snapshot.context, resolution.type) === undefined) return false;
  // refundError first: checkResolution throws on absolute bounds in another currency than the price.
  if (resolution.type === 'partial_refund') return refundError(snapshot, resolution.amount) === null;
  return checkResolution(outcome, snapshot.context.price, resolution) === null;
}

/** Whether what was entered satisfies every rule of the outcome reached: the request can be sent. */
export function isComplete(snapshot: HasIntakeContext): boolean {
  const outcome = currentOutcome(snapshot.context)?.node;
  if (outcome === undefined) return false;
  const { photos, proposals } = snapshot.context;
  return descriptionError(snapshot) === null
    && photoCountError(snapshot) === null
    && photos.length <= outcome.photos.max
    && proposalError(snapshot) === null
    && (!hasProposeStep(outcome) || proposals.every((p) => proposalFits(snapshot, p)));
}

/**
 * The request that opens the dispute from what was entered, or `null` before an outcome is
 * reached. Photos, and proposals at a straight-to-support outcome, are only sent where the outcome
 * has their step.
 */
export function disputeRequest({ context }: HasIntakeContext): OpenDisputeRequest | null {
  const outcome = currentOutcome(context);
  if (outcome === undefined) return null;
  return {
    orderId: context.orderId,
    path: context.path.map((step) => ({ nodeId: step.nodeId, optionId: step.optionId })),
    outcomeId: outcome.id,
    description: context.description.trim(),
    photoIds: hasEvidenceStep(outcome.node) ? context.photos.map((photo) => photo.id) : [],
    proposals: hasProposeStep(outcome.node) ? [...context.proposals] : [],
  };
}

/**
 * The steps of this buyer's way, for a progress indicator: `question` until an outcome is reached,
 * then the steps that outcome has.
 */
export function intakeSteps({ context }: HasIntakeContext): readonly IntakeStep[] {
  const outcome = currentOutcome(context)?.node;
  return outcome === undefined ? ['question'] : ['question', ...outcomeSteps(outcome)];
}

/**
 * Whether the primary button of the current step may be pressed: `NEXT` on the describe, evidence
 * and propose steps, `SUBMIT` on the review, `RETRY` after a failure. A question moves on by its
 * answers, so it has no such button.
 */
export function canContinue(snapshot: Pick<IntakeSnapshot, 'value' | 'can'>): boolean {
  const event = primaryEvent[snapshot.value];
  return event !== undefined && snapshot.can(event);
}

const primaryEvent: Partial<Record<IntakeSnapshot['value'], IntakeEvent>> = {
  describe: { type: 'NEXT' },
  evidence: { type: 'NEXT' },
  propose: { type: 'NEXT' },
  review: { type: 'SUBMIT' },
  failed: { type: 'RETRY' },
};

/**
 * The resolution a buyer proposes by choosing `option`: the suggested amount for a partial refund,
 * the outcome's terms for a return. `undefined` when the partial refund cannot be priced.
 */
export function initialProposal(snapshot: HasIntakeContext, option: ResolutionOption): Resolution | undefined {
  if (option.type === 'partial_refund' && refundBounds(snapshot) === null) return undefined;
  return defaultResolution(option, snapshot.context.price);
}

function offeredOption(context: HasIntakeContext['context'], type: Resolution['type']): ResolutionOption | undefined {
  const outcome = currentOutcome(context)?.node;
  return outcome === undefined ? undefined : offeredResolutions(outcome).find((o) => o.type === type);
}
