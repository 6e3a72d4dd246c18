import { toDecimalString, type Dispute, type FieldError, type Money, type ResolutionFault } from '@amicable/protocol';
import type { FieldFault, OpeningRefusal, Refusal } from '@amicable/machine';
import { problem } from './problems.js';
import type { Reply } from './reply.js';

function fieldErrors(faults: readonly FieldFault[]): FieldError[] {
  return faults.map(({ path, message, code }) => ({ path, message, code }));
}

function shown(money: Money): string {
  return `${toDecimalString(money)} ${money.currency}`;
}

/** A bound broken by a resolution, as a field error under `at` (the body's `resolution`). */
export function resolutionError(fault: ResolutionFault, at = '$.resolution'): FieldError {
  switch (fault.code) {
    case 'not_offered':
      return { path: `${at}.type`, code: fault.code, message: `${JSON.stringify(fault.type)} is not offered here` };
    case 'currency_mismatch':
      return { path: `${at}.amount.currency`, code: fault.code, message: `the amount must be in ${fault.expected}, the currency of the price` };
    case 'below_min':
      return { path: `${at}.amount.amount`, code: fault.code, message: `the amount is below the minimum of ${shown(fault.min)}` };
    case 'above_max':
      return { path: `${at}.amount.amount`, code: fault.code, message: `the amount is above the maximum of ${shown(fault.max)}` };
    case 'terms_differ':
      return { path: at, code: fault.code, message: 'the return terms differ from those offered' };
  }
}

/**
 * The problem for a refusal of the lifecycle when a party's event is applied to `dispute` (as it
 * stood, lapses applied). Refusals that only the backend's own mistakes cause (a time that runs
 * backwards, a deadline event too early, a stored record the machine cannot restore) are 500s.
 */
export function lifecycleProblem(refusal: Refusal | OpeningRefusal, dispute: Dispute): Reply {
  switch (refusal.code) {
    case 'invalid_event':
      return problem('validation', { detail: 'the request does not make a valid action', errors: fieldErrors(refusal.faults) });
    case 'invalid_state':
      return problem('invalidState', { detail: `a dispute that is ${dispute.status} does not take ${refusal.event}`, dispute });
    case 'forbidden_role':
      return problem('forbiddenRole', {
        detail: `the ${refusal.role} may not do this while the dispute is ${dispute.status}; only ${refusal.allowed.join(' or ')} may`,
      });
    case 'deadline_passed':
      return problem('deadlinePassed', { detail: `the deadline passed at ${refusal.deadline}`, dispute });
    case 'unknown_proposal':
      return problem('unknownProposal', {
        detail: `the buyer made no proposal ${JSON.stringify(refusal.proposalId ?? '')}`,
        errors: [{ path: '$.proposalId', code: 'unknown_proposal', message: `not one of ${dispute.proposals.map((p) => JSON.stringify(p.id)).join(', ')}` }],
      });
    case 'counter_not_allowed':
      return problem('counterNotAllowed', { detail: 'this dispute allows no counter-offer, or one has been made already' });
    case 'counter_same_as_proposal':
      return problem('validation', {
        detail: 'a counter-offer must differ from every proposal; to agree to one, accept it',
        errors: [{ path: '$.resolution', code: 'same_as_proposal', message: `the same terms as proposal ${JSON.stringify(refusal.proposalId)}` }],
      });
    case 'resolution':
      return problem('outOfBounds', { detail: 'the resolution is outside what this dispute allows', errors: [resolutionError(refusal.fault)] });
    case 'already_rated':
      return problem('alreadyRated', { detail: 'each party rates a dispute once', dispute });
    case 'invalid_time':
      return problem('internal', { detail: `the backend's clock (${refusal.at}) is behind the dispute's last change (${refusal.notBefore})` });
    case 'deadline_not_reached':
      return problem('internal', { detail: 'the backend applied a deadline that had not passed' });
    case 'invalid_input':
    case 'invalid_request':
      return problem('internal', { detail: 'the backend passed the lifecycle invalid data', errors: fieldErrors(refusal.faults) });
    case 'tree_mismatch':
      return problem('internal', { detail: `the backend has lost version ${refusal.treeVersion} of tree ${JSON.stringify(refusal.treeId)}` });
    case 'inconsistent_record':
      return problem('internal', { detail: `the stored dispute is inconsistent: ${refusal.detail}` });
  }
}

/** The problem for a refusal to open a dispute. */
export function openingProblem(refusal: OpeningRefusal | Refusal): Reply {
  switch (refusal.code) {
    case 'invalid_request':
      return problem('validation', { detail: 'the request does not meet the rules of its outcome', errors: fieldErrors(refusal.faults) });
    case 'tree_mismatch':
      return problem('treeChanged', {
        detail: `the request was made on version ${refusal.treeVersion} of tree ${JSON.stringify(refusal.treeId)}, which has changed; reload the context`,
      });
    case 'invalid_input':
      return problem('internal', { detail: 'the backend passed the lifecycle invalid data', errors: fieldErrors(refusal.faults) });
    case 'inconsistent_record':
      return problem('internal', { detail: refusal.detail });
    default:
      return problem('internal', { detail: `opening refused with ${refusal.code}` });
  }
}
