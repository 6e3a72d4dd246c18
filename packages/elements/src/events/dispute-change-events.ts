import type { Dispute } from '@amicable/protocol';
import { DisputeEscalatedEvent } from './dispute-escalated.js';
import { DisputeWithdrawnEvent } from './dispute-withdrawn.js';
import { ProposalAcceptedEvent } from './proposal-accepted.js';
import { ProposalCounteredEvent } from './proposal-countered.js';
import { ProposalRejectedEvent } from './proposal-rejected.js';

/**
 * The events that tell a host what changed between two states of a dispute: the seller's answer
 * (accepted, countered, rejected), the buyer's answer to a counter-offer, an escalation, a
 * withdrawal. Both parties' elements fire them from the same comparison, whether the change came
 * from the person's own action or live from the other side, so a host gets the same events either
 * way, and a dispute seen twice tells nothing twice.
 */
export function changeEvents(previous: Dispute, next: Dispute): Event[] {
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
  const counter = next.counterOffer;
  if (counter !== null && counter.answer !== null && previous.counterOffer?.answer == null) {
    events.push(
      counter.answer === 'accepted'
        ? new ProposalAcceptedEvent({ dispute: next, by: 'buyer', resolution: counter.resolution })
        : new ProposalRejectedEvent({ dispute: next, by: 'buyer', reason: counter.reason ?? '' }),
    );
  }
  if (previous.status !== next.status) {
    if (next.status === 'escalated') events.push(new DisputeEscalatedEvent({ dispute: next }));
    if (next.status === 'withdrawn') events.push(new DisputeWithdrawnEvent({ dispute: next }));
  }
  return events;
}
