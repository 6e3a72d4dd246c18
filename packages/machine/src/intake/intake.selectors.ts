import {
  canPriceBounds,
  checkOpening,
  checkResolution,
  concreteBounds,
  defaultResolution,
  descriptionFault,
  Money,
  photoCountFault,
  type ConcreteBounds,
  OpenDisputeRequest,
  parseWithFaults,
  type DescriptionFault,
  type OpeningFaultCode,
  type PhotoCountFault,
  type Resolution,
  type ResolutionOption,
  type ResolutionType,
} from '@amicable/protocol';
import {
  currentNodeId,
  currentOutcome,
  hasEvidenceStep,
  hasProposeStep,
  offeredResolutions,
  outcomeSteps,
  type HasIntakeContext,
  type IntakeInput,
  type IntakeStep,
} from './intake.context.js';
import type { IntakeEvent, IntakeSnapshot } from './intake.machine.js';

// Every function here takes anything with the intake's `context` (a snapshot, or a guard's or an
// action's arguments), so the machine's guards and the UI's messages can never disagree. The rules
// themselves are the protocol's opening rules, the ones the backend applies to the request.

export { descriptionLength } from '@amicable/protocol';

/** Why the description cannot be accepted (the protocol's `descriptionFault`). */
export type DescriptionError = DescriptionFault;

/** Why the photos cannot be accepted (the protocol's `photoCountFault`). */
export type PhotoCountError = PhotoCountFault;

/**
 * Why a partial-refund amount cannot be proposed at this outcome: `invalid_amount` when it is not
 * money at all (a fraction of a minor unit, NaN, negative, an unknown currency), else the
 * protocol's `checkResolution` fault.
 */
export type RefundError = 'invalid_amount' | 'not_offered' | 'currency_mismatch' | 'below_min' | 'above_max';

/** Why the proposals cannot be accepted. */
export type ProposalError = 'none_selected';

/**
 * What is wrong with the description under the outcome's rules, or `null` (also before an outcome
 * is reached). An empty optional description is fine; a non-empty one must meet `minLength`.
 */
export function descriptionError({ context }: HasIntakeContext): DescriptionError | null {
  const outcome = currentOutcome(context)?.node;
  return outcome === undefined ? null : descriptionFault(outcome, context.description);
}

/** How many more photos the outcome accepts (0 before an outcome is reached). */
export function remainingPhotoSlots({ context }: HasIntakeContext): number {
  const outcome = currentOutcome(context)?.node;
  if (outcome === undefined) return 0;
  return Math.max(0, outcome.photos.max - context.photos.length);
}

/**
 * Whether too few (or, in a tampered draft, too many) photos are attached for the outcome, or
 * `null` when the count is fine.
 */
export function photoCountError({ context }: HasIntakeContext): PhotoCountError | null {
  const outcome = currentOutcome(context)?.node;
  return outcome === undefined ? null : photoCountFault(outcome, context.photos.length);
}

/**
 * The partial refund's bounds in the price's currency at the current outcome, or `null` when the
 * outcome offers no partial refund (or its absolute bounds are in another currency than the price).
 */
export function refundBounds({ context }: HasIntakeContext): ConcreteBounds | null {
  const option = offeredOption(context, 'partial_refund');
  if (option?.type !== 'partial_refund') return null;
  return canPriceBounds(option.bounds, context.price) ? concreteBounds(option.bounds, context.price) : null;
}

/**
 * Why `amount` cannot be the partial refund, or `null` when it can. Without `amount`, checks the
 * amount currently proposed (`null` when no partial refund is chosen). The UI calls it with what
 * the buyer typed, before sending `SET_REFUND`, which the machine refuses for the same reasons.
 */
export function refundError(snapshot: HasIntakeContext, amount?: Money): RefundError | null {
  const candidate = amount ?? proposedRefund(snapshot);
  if (candidate === undefined) return null;
  // The amount comes from a form field; checkResolution takes it on trust, so check that it is money first.
  if (!Money.safeParse(candidate).success) return 'invalid_amount';
  const outcome = currentOutcome(snapshot.context)?.node;
  if (outcome === undefined || offeredOption(snapshot.context, 'partial_refund') === undefined) return 'not_offered';
  const fault = checkResolution(outcome, snapshot.context.price, { type: 'partial_refund', amount: candidate });
  // `terms_differ` only concerns returns; a partial refund never gets it.
  return fault === null || fault.code === 'terms_differ' ? null : fault.code;
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
  // A partial refund's amount may not be money at all, which refundError catches and checkResolution does not.
  if (resolution.type === 'partial_refund') return refundError(snapshot, resolution.amount) === null;
  return checkResolution(outcome, snapshot.context.price, resolution) === null;
}

/**
 * One reason the request cannot be sent: the protocol's opening-rule faults (`checkOpening`), or
 * `invalid_request` where the wire schema (`OpenDisputeRequest`) refuses a field, such as an order
 * id or a photo id longer than 128 characters. `path` is a JSON path into the request
 * (`$.photoIds[0]`), `message` says what is wrong, in English.
 */
export interface IntakeFault {
  readonly code: OpeningFaultCode | 'invalid_request';
  readonly path: string;
  readonly message: string;
}

/**
 * Everything that keeps the request built from what was entered from being sent, as the backend
 * would refuse it; empty when it can be sent. Before an outcome is reached, the one fault is the
 * unanswered question (`wrong_step` at `$.path`). Where the wire schema refuses the request, its
 * faults (`invalid_request`) are all there is: the opening rules presuppose a well-formed request,
 * and the backend answers the same way. The step selectors (`descriptionError` and the others)
 * explain most of these on their own step; this is what a review shows when it cannot be submitted.
 */
export function openingFaults(snapshot: HasIntakeContext): readonly IntakeFault[] {
  const request = disputeRequest(snapshot);
  if (request === null) {
    const at = currentNodeId(snapshot.context);
    return [{ code: 'wrong_step', path: '$.path', message: `the path stops at question ${JSON.stringify(at)}, which still needs an answer` }];
  }
  // The schema first: checkOpening trusts the shape (whole amounts), which a restored draft may lack.
  const parsed = parseWithFaults(OpenDisputeRequest, request);
  if (!parsed.ok) return parsed.faults.map(({ path, message }) => ({ code: 'invalid_request', path, message }));
  return checkOpening(snapshot.context.tree, snapshot.context.price, parsed.value);
}

/**
 * Whether the request built from what was entered can be sent: `openingFaults` finds nothing (the
 * wire schema accepts it and it meets every opening rule), as the backend checks it.
 */
export function isComplete(snapshot: HasIntakeContext): boolean {
  return openingFaults(snapshot).length === 0;
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
    treeId: context.tree.id,
    treeVersion: context.tree.version,
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
  // Any key: the button brings a fresh one, and the machine keeps an earlier one where it has it.
  review: { type: 'SUBMIT', key: 'any' },
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

/**
 * Whether a saved draft still belongs to this order and this tree: a draft walked on another version
 * of the tree, or at another price, must be discarded rather than restored, since its answers and
 * amounts were checked against rules that no longer hold.
 */
export function draftFits({ context }: HasIntakeContext, input: IntakeInput): boolean {
  return context.orderId === input.orderId
    && context.tree.id === input.tree.id
    && context.tree.version === input.tree.version
    && context.price.amount === input.price.amount
    && context.price.currency === input.price.currency;
}
