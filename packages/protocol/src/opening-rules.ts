import { outcomeOf, questionOf, type DecisionTree, type OutcomeNode } from './decision-tree.js';
import type { OpenDisputeRequest } from './dispute.js';
import { toDecimalString, type Money } from './money.js';
import { checkResolution, type Resolution, type ResolutionFault } from './resolution.js';
import { formatJsonPath, quote } from './schema-faults.js';

// The rules a buyer's request must meet to open a dispute. The backend checks them when a dispute
// is opened; the buyer's intake checks the same ones to decide that it may submit.

/** Why a description does not meet an outcome's rules. */
export type DescriptionFault = 'required' | 'too_short' | 'too_long';

/** Why the number of photos does not meet an outcome's rules. */
export type PhotoCountFault = 'too_few' | 'too_many';

/**
 * The length the description rules count: the trimmed text in UTF-16 code units, as the wire
 * schema (`OpenDisputeRequest.description`) counts it. An emoji outside the Basic Multilingual
 * Plane counts as two.
 */
export function descriptionLength(text: string): number {
  return text.trim().length;
}

/**
 * What is wrong with `text` as the description at `outcome`, or `null`. Measured trimmed: an
 * empty optional description is fine; a non-empty one must meet `minLength` and `maxLength`.
 */
export function descriptionFault(outcome: OutcomeNode, text: string): DescriptionFault | null {
  const rules = outcome.description;
  const length = descriptionLength(text);
  if (length === 0) return rules.required ? 'required' : null;
  if (length < rules.minLength) return 'too_short';
  if (length > rules.maxLength) return 'too_long';
  return null;
}

/** Whether `count` photos are too few or too many for `outcome`, or `null` when the count is fine. */
export function photoCountFault(outcome: OutcomeNode, count: number): PhotoCountFault | null {
  if (count < outcome.photos.min) return 'too_few';
  if (count > outcome.photos.max) return 'too_many';
  return null;
}

/**
 * What can be wrong with a request to open a dispute.
 *
 * - `tree_mismatch`: `treeId` or `treeVersion` is not the tree's (the buyer walked another tree,
 *   or an older version of it). Nothing else is checked then: the rest means nothing against this tree.
 * - `wrong_step`: the path is not a walk from the root: a step's `nodeId` is not the node reached
 *   so far, its `optionId` is not an option of that question, a step follows an outcome, or the
 *   path stops at a question (reported at `$.path`).
 * - `wrong_outcome`: `outcomeId` is not an outcome of the tree, or not the one the path leads to.
 * - `description_required`, `description_too_short`, `description_too_long`: the description
 *   breaks the outcome's rules (see `descriptionFault`).
 * - `too_few_photos`, `too_many_photos`: the number of photos is outside the outcome's range.
 * - `duplicate_photo`: the same photo id is attached more than once.
 * - `no_proposal`: the outcome asks for proposals and the request has none.
 * - `duplicate_proposal`: a resolution type is proposed more than once.
 * - `proposal_not_offered`: the outcome does not offer that resolution (a straight-to-support
 *   outcome offers none).
 * - `proposal_currency_mismatch`: a partial refund in another currency than the price, or at an
 *   outcome whose absolute bounds are in another currency than the price.
 * - `proposal_below_min`, `proposal_above_max`: a partial refund outside the outcome's bounds for the price.
 * - `proposal_terms_differ`: a return on other terms than the outcome's.
 *
 * The `proposal_*` codes are the protocol's `ResolutionFault` codes from `checkResolution`. The
 * order of the proposals is free. The description, photo and proposal codes are written as the
 * underlying fault with a prefix or suffix (`description_${DescriptionFault}`); the compiler checks
 * that each one so built is a member of this union.
 */
export type OpeningFaultCode =
  | 'tree_mismatch'
  | 'wrong_step'
  | 'wrong_outcome'
  | 'description_required'
  | 'description_too_short'
  | 'description_too_long'
  | 'too_few_photos'
  | 'too_many_photos'
  | 'duplicate_photo'
  | 'no_proposal'
  | 'duplicate_proposal'
  | 'proposal_not_offered'
  | 'proposal_currency_mismatch'
  | 'proposal_below_min'
  | 'proposal_above_max'
  | 'proposal_terms_differ';

/** One fault of a request: its kind, where it is (a JSON path into the request) and what is wrong, in English. */
export interface OpeningFault {
  readonly code: OpeningFaultCode;
  readonly path: string;
  readonly message: string;
}

type Segments = readonly (string | number)[];

/**
 * Checks a buyer's request to open a dispute against the tree and the price paid: the tree and
 * its version, the path from the root to the outcome, and the outcome's rules for the
 * description, the photos and the proposals (each one offered there, within its bounds for
 * `price`, on its terms; none twice). Returns every fault found, in that order; an empty array
 * means the request may open a dispute.
 *
 * `request` is one the `OpenDisputeRequest` schema accepted, `tree` one `validateTree` accepted
 * and `price` valid `Money`; then it never throws. The outcome's rules apply whenever `outcomeId`
 * names an outcome of the tree, even when the path is wrong, so that every fault is reported at once.
 */
export function checkOpening(tree: DecisionTree, price: Money, request: OpenDisputeRequest): readonly OpeningFault[] {
  const mismatch = treeFaults(tree, request);
  if (mismatch.length > 0) return mismatch;
  const faults: OpeningFault[] = [];
  const reached = walk(tree, request, faults);
  const outcome = outcomeOf(tree, request.outcomeId);
  if (reached !== undefined && questionOf(tree, reached) !== undefined) {
    faults.push(fault('wrong_step', ['path'], `the path stops at question ${quote(reached)}, which still needs an answer`));
  }
  if (outcome === undefined) {
    faults.push(fault('wrong_outcome', ['outcomeId'], `${quote(request.outcomeId)} is not an outcome of tree ${quote(tree.id)}`));
    return faults;
  }
  if (reached !== undefined && outcomeOf(tree, reached) !== undefined && reached !== request.outcomeId) {
    const message = `the path leads to outcome ${quote(reached)}, not to ${quote(request.outcomeId)}`;
    faults.push(fault('wrong_outcome', ['outcomeId'], message));
  }
  const name = `outcome ${quote(request.outcomeId)}`;
  faults.push(
    ...descriptionFaults(outcome, name, request.description),
    ...photoFaults(outcome, name, request.photoIds),
    ...proposalFaults(outcome, name, price, request.proposals),
  );
  return faults;
}

function fault(code: OpeningFaultCode, segments: Segments, message: string): OpeningFault {
  return { code, path: formatJsonPath(segments), message };
}

function treeFaults(tree: DecisionTree, request: OpenDisputeRequest): OpeningFault[] {
  const faults: OpeningFault[] = [];
  if (request.treeId !== tree.id) {
    faults.push(fault('tree_mismatch', ['treeId'], `the request was made on tree ${quote(request.treeId)}, not on ${quote(tree.id)}`));
  }
  if (request.treeVersion !== tree.version) {
    const message = `the request was made on version ${request.treeVersion} of the tree, which is now at version ${tree.version}`;
    faults.push(fault('tree_mismatch', ['treeVersion'], message));
  }
  return faults;
}

/**
 * Walks the path from the root. Returns the node it ends at, or `undefined` after reporting the
 * first step that is not a walk from the root (the steps after it are meaningless).
 */
function walk(tree: DecisionTree, request: OpenDisputeRequest, faults: OpeningFault[]): string | undefined {
  let at = tree.root;
  for (const [index, step] of request.path.entries()) {
    const question = questionOf(tree, at);
    if (question === undefined) {
      const message = `the path has reached outcome ${quote(at)} before step ${index + 1}; nothing follows an outcome`;
      faults.push(fault('wrong_step', ['path', index], message));
      return undefined;
    }
    if (step.nodeId !== at) {
      const message = `step ${index + 1} answers ${quote(step.nodeId)}, but the question reached there is ${quote(at)}`;
      faults.push(fault('wrong_step', ['path', index, 'nodeId'], message));
      return undefined;
    }
    const option = question.options.find((o) => o.id === step.optionId);
    if (option === undefined) {
      const message = `question ${quote(at)} has no option ${quote(step.optionId)}`;
      faults.push(fault('wrong_step', ['path', index, 'optionId'], message));
      return undefined;
    }
    at = option.next;
  }
  return at;
}

function descriptionFaults(outcome: OutcomeNode, name: string, text: string): OpeningFault[] {
  const found = descriptionFault(outcome, text);
  if (found === null) return [];
  const { minLength, maxLength } = outcome.description;
  const length = descriptionLength(text);
  const message =
    found === 'required'
      ? `${name} asks for a description`
      : found === 'too_short'
        ? `the description has ${length} characters; ${name} asks for at least ${minLength}`
        : `the description has ${length} characters; ${name} allows at most ${maxLength}`;
  return [fault(`description_${found}`, ['description'], message)];
}

function photoFaults(outcome: OutcomeNode, name: string, photoIds: readonly string[]): OpeningFault[] {
  const faults: OpeningFault[] = [];
  const found = photoCountFault(outcome, photoIds.length);
  if (found !== null) {
    const { min, max } = outcome.photos;
    const limit = found === 'too_few' ? `asks for at least ${min}` : `allows at most ${max}`;
    faults.push(fault(`${found}_photos`, ['photoIds'], `the request has ${photoIds.length} photos; ${name} ${limit}`));
  }
  const seen = new Set<string>();
  photoIds.forEach((id, index) => {
    if (seen.has(id)) faults.push(fault('duplicate_photo', ['photoIds', index], `photo ${quote(id)} is attached more than once`));
    seen.add(id);
  });
  return faults;
}

function proposalFaults(outcome: OutcomeNode, name: string, price: Money, proposals: readonly Resolution[]): OpeningFault[] {
  if (outcome.toSupport === true) {
    return proposals.map((proposal, index) =>
      fault('proposal_not_offered', ['proposals', index, 'type'], `${name} goes straight to support, so nothing is proposed there (got ${quote(proposal.type)})`),
    );
  }
  if (proposals.length === 0) return [fault('no_proposal', ['proposals'], `${name} asks for at least one proposal`)];
  const faults: OpeningFault[] = [];
  const seen = new Set<string>();
  proposals.forEach((proposal, index) => {
    if (seen.has(proposal.type)) {
      faults.push(fault('duplicate_proposal', ['proposals', index, 'type'], `${quote(proposal.type)} is proposed more than once`));
      return;
    }
    seen.add(proposal.type);
    const found = checkResolution(outcome, price, proposal);
    if (found !== null) faults.push(proposalFault(outcome, name, price, proposal, index, found));
  });
  return faults;
}

function proposalFault(
  outcome: OutcomeNode,
  name: string,
  price: Money,
  proposal: Resolution,
  index: number,
  found: ResolutionFault,
): OpeningFault {
  const at = ['proposals', index];
  const code = `proposal_${found.code}` as const;
  const amount = proposal.type === 'partial_refund' ? proposal.amount : undefined;
  switch (found.code) {
    case 'not_offered': {
      const offered = outcome.resolutions.map((o) => quote(o.type)).join(', ');
      return fault(code, [...at, 'type'], `${name} does not offer ${quote(proposal.type)}; it offers ${offered}`);
    }
    case 'currency_mismatch': {
      const message =
        amount !== undefined && amount.currency !== price.currency
          ? `the partial refund is in ${amount.currency}, but the price is in ${price.currency}`
          : `${name} bounds its partial refund in another currency than the price's ${price.currency}, so it cannot be proposed`;
      return fault(code, [...at, 'amount', 'currency'], message);
    }
    case 'below_min':
      return fault(code, [...at, 'amount', 'amount'], `the partial refund of ${shown(amount)} is below the minimum of ${shown(found.min)}`);
    case 'above_max':
      return fault(code, [...at, 'amount', 'amount'], `the partial refund of ${shown(amount)} is above the maximum of ${shown(found.max)}`);
    case 'terms_differ':
      return termsFault(outcome, name, proposal, at);
  }
}

function termsFault(outcome: OutcomeNode, name: string, proposal: Resolution, at: Segments): OpeningFault {
  const option = outcome.resolutions.find((o) => o.type === 'return_and_refund');
  if (proposal.type !== 'return_and_refund' || option?.type !== 'return_and_refund') {
    return fault('proposal_terms_differ', at, `the terms differ from those ${name} offers`);
  }
  if (proposal.returnShippingPaidBy !== option.returnShippingPaidBy) {
    const message = `${name} offers a return shipped at the ${option.returnShippingPaidBy}'s cost, not the ${proposal.returnShippingPaidBy}'s`;
    return fault('proposal_terms_differ', [...at, 'returnShippingPaidBy'], message);
  }
  const message = `${name} offers a return shipped within ${option.shipWithinDays} days, not ${proposal.shipWithinDays}`;
  return fault('proposal_terms_differ', [...at, 'shipWithinDays'], message);
}

function shown(money: Money | undefined): string {
  return money === undefined ? 'nothing' : `${toDecimalString(money)} ${money.currency}`;
}
