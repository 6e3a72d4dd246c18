import { checkResolution, sameResolution, type Dispute, type OutcomeNode, type Resolution, type ResolutionFault } from '@amicable/protocol';

/** Why a counter-offer cannot be made. */
export type CounterFault =
  | { readonly code: 'counter_not_allowed' }
  | { readonly code: 'same_as_proposal'; readonly proposalId: string }
  | ResolutionFault;

/**
 * The one rule for the seller's counter-offer, kept by the backend's lifecycle and shown by the
 * seller's flow: the outcome must allow one and none must have been made yet; it must be a
 * resolution the outcome offers, within its bounds; and it must differ from every proposal
 * (agreeing to a proposal is accepting it).
 */
export function counterFault(
  outcome: OutcomeNode,
  dispute: Pick<Dispute, 'price' | 'proposals' | 'counterOffer'>,
  resolution: Resolution,
): CounterFault | null {
  if (!outcome.counterOffer || dispute.counterOffer !== null) return { code: 'counter_not_allowed' };
  const fault = checkResolution(outcome, dispute.price, resolution);
  if (fault !== null) return fault;
  const same = dispute.proposals.find((p) => sameResolution(p.resolution, resolution));
  return same === undefined ? null : { code: 'same_as_proposal', proposalId: same.id };
}
