import { css } from 'lit';

/** Styles of `<dispute-opener>`, after `themeStyles`, `controlStyles` and `disputeStatusStyles`. */
export const disputeOpenerStyles = css`
  .base {
    max-inline-size: var(--amicable-dispute-opener-max-width, 40rem);
    overflow-wrap: anywhere;
  }
  ul,
  ol,
  dl {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    font-size: 0.875em;
  }
  .progress li {
    padding-inline: var(--_space);
    border: 1px solid var(--_border);
    border-radius: 999px;
    color: var(--_text-muted);
  }
  .progress [aria-current] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .options {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .option {
    inline-size: 100%;
    text-align: start;
  }
  .proposal {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    transition: border-color var(--_duration) ease-out;
  }
  .proposal.chosen {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .choice {
    display: flex;
    gap: var(--_space);
    align-items: center;
    min-block-size: 44px;
    cursor: pointer;
  }
  .choice input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    min-height: 0;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }
  .actions > :last-child {
    margin-inline-start: auto;
  }
  .spread {
    justify-content: space-between;
  }
  button.link {
    border-color: transparent;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    padding-inline: var(--_space);
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0 0 var(--_space);
  }
  .prose {
    white-space: pre-wrap;
  }
  .thumbs {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .thumbs img {
    display: block;
    inline-size: var(--amicable-dispute-opener-thumb-size, 4.5rem);
    block-size: var(--amicable-dispute-opener-thumb-size, 4.5rem);
    object-fit: cover;
    border-radius: var(--_radius);
  }
`;
