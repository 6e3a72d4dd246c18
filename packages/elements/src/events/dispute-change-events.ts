import type { Dispute } from '@amicable/protocol';
import { DisputeEscalatedEvent } from '../events/dispute-escalated.js';
import { ProposalAcceptedEvent } from '../events/proposal-accepted.js';
import { ProposalCounteredEvent } from '../events/proposal-countered.js';
import { ProposalRejectedEvent } from '../events/proposal-rejected.js';

/**
 * The events a live update tells the buyer's host about: what the seller answered (accepted,
 * countered, rejected), and an escalation the buyer did not ask for themselves (the seller's,
 * support's or a lapsed deadline's). Each follows from a difference between `previous` and `next`,
 * so the same dispute seen twice tells nothing twice; the buyer's own actions fire their events
 * where they are taken.
 */
export function sellerMoves(previous: Dispute, next: Dispute): Event[] {
  const events: Event[] = [];
  const response = next.sellerResponse;
  if (previous.sellerResponse === null && response !== null) {
    if (response.kind === 'counter') events.push(new ProposalCounteredEvent({ dispute: next, resolution: response.resolution }));
    else if (response.kind === 'reject') events.push(new ProposalRejectedEvent({ dispute: next, by: 'seller', reason: response.reason }));
    else {
      const accepted = next.proposals.find((proposal) => proposal.id === response.proposalId);
      if (accepted !== undefined) events.push(new ProposalAcceptedEvent({ dispute: next, by: 'seller', resolution: accepted.resolution }));
    }
  }
  if (previous.status !== 'escalated' && next.status === 'escalated' && next.escalation?.by !== 'buyer') {
    events.push(new DisputeEscalatedEvent({ dispute: next }));
  }
  return events;
}
