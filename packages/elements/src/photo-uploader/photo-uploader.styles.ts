import { css } from 'lit';

/** <photo-uploader>: a drop zone, then one row per photo (thumbnail, name and state, remove). */
export const photoUploaderStyles = css`
  :host {
    --_thumb: var(--amicable-photo-uploader-thumb-size, 4.5rem);
  }
  [hidden] {
    display: none !important;
  }
  .dropzone {
    border: var(--amicable-photo-uploader-dropzone-border, 2px dashed var(--_border));
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    background: var(--amicable-photo-uploader-dropzone-background, var(--_surface-raised));
    gap: var(--_space);
    transition: border-color var(--_duration), background-color var(--_duration);
  }
  .dropzone.over {
    border: 2px solid var(--_accent);
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
  }
  /* The camera is offered where there is one to hold: phones and tablets. */
  #camera {
    display: none;
  }
  @media (pointer: coarse) {
    #camera {
      display: inline-block;
    }
  }
  /* At the limit the add and camera buttons stay focusable, and look unavailable. */
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  #message span {
    display: block;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  li {
    display: grid;
    grid-template-columns: var(--_thumb) minmax(0, 1fr) auto;
    gap: var(--_space);
    align-items: center;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  li.failed {
    border-color: var(--_danger);
  }
  img {
    display: block;
    inline-size: var(--_thumb);
    block-size: var(--_thumb);
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface-raised);
  }
  .info {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_space) / 2);
    min-inline-size: 0;
  }
  .name {
    max-inline-size: 100%;
    overflow-wrap: anywhere;
  }
  progress {
    inline-size: 100%;
    accent-color: var(--_accent);
  }
`;
