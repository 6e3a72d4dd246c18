import { css } from 'lit';

/**
 * Styles of the dispute's status and the buyer's actions, for the host elements' `static styles`
 * (after `themeStyles` and `controlStyles`). Reads `--amicable-dispute-status-accent`, the rule
 * beside the timeline and the deadline.
 */
export const disputeStatusStyles = css`
  .dispute-status {
    --_status-accent: var(--amicable-dispute-status-accent, var(--_accent));
  }
  .deadline {
    border-inline-start: 4px solid var(--_status-accent);
    padding-inline-start: calc(var(--_space) * 1.5);
  }
  .dispute-status ol {
    margin: 0;
    padding-inline-start: calc(var(--_space) * 3);
  }
  .dispute-status .timeline {
    list-style: none;
    padding-inline-start: calc(var(--_space) * 1.5);
    border-inline-start: 2px solid var(--_border);
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.5);
  }
  .timeline li {
    display: flex;
    flex-direction: column;
  }
  .timeline time {
    color: var(--_text-muted);
    font-size: 0.9em;
  }
  blockquote {
    margin: 0;
    padding-inline-start: calc(var(--_space) * 1.5);
    border-inline-start: 2px solid var(--_border);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .quote {
    display: block;
    font-style: italic;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
