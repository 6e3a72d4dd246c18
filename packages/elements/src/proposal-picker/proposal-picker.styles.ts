import { css } from 'lit';

/** Styles of <proposal-picker>, after `themeStyles`, `controlStyles` and `disputeStatusStyles`. */
export const proposalPickerStyles = css`
  [part~='base'] {
    --_thumb: var(--amicable-proposal-picker-thumb-size, 6rem);
    overflow-wrap: anywhere;
  }
  .facts {
    display: grid;
    gap: var(--_space);
    margin: 0;
  }
  .facts dt {
    color: var(--_text-muted);
    font-size: 0.9em;
  }
  .facts dd {
    margin: 0;
  }
  .description {
    white-space: pre-wrap;
  }
  .photos,
  .proposals {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .photos {
    grid-template-columns: repeat(auto-fill, minmax(min(var(--_thumb), 100%), 1fr));
  }
  .photos button {
    padding: 0;
    inline-size: 100%;
    aspect-ratio: 1;
    overflow: hidden;
  }
  .photos img {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  .split {
    font-weight: 600;
  }
  dialog {
    max-inline-size: min(60rem, calc(100vw - 2 * var(--_space)));
    max-block-size: calc(100vh - 2 * var(--_space));
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  dialog::backdrop {
    background: var(--amicable-proposal-picker-backdrop, rgb(0 0 0 / 0.7));
  }
  dialog img {
    display: block;
    max-inline-size: 100%;
    max-block-size: 70vh;
    inline-size: auto;
    block-size: auto;
    margin-inline: auto;
  }
  .caption {
    text-align: center;
    margin-block: var(--_space);
  }
`;
