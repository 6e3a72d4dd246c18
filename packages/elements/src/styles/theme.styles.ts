import { css } from 'lit';

// Dark defaults, applied by the system preference unless the host forces light, or by `theme="dark"`.
const dark = css`
  --_surface: var(--amicable-color-surface, #16181d);
  --_surface-raised: var(--amicable-color-surface-raised, #21242b);
  --_text: var(--amicable-color-text, #eceef2);
  --_text-muted: var(--amicable-color-text-muted, #a9afbb);
  --_border: var(--amicable-color-border, #6e7582);
  --_accent: var(--amicable-color-accent, #8ab4ff);
  --_on-accent: var(--amicable-color-on-accent, #0b1a33);
  --_danger: var(--amicable-color-danger, #ffb4ab);
  --_success: var(--amicable-color-success, #7fd99a);
  --_focus: var(--amicable-color-focus, #8ab4ff);
  color-scheme: dark;
`;

/**
 * The design tokens every element reads: global `--amicable-*` properties with fallbacks, copied
 * into private `--_*` ones that the rest of the styles use. Light by default, dark by the system
 * preference or `theme="dark"`; `theme="light"` keeps light everywhere.
 */
export const themeStyles = css`
  :host {
    --_surface: var(--amicable-color-surface, #ffffff);
    --_surface-raised: var(--amicable-color-surface-raised, #f4f6f9);
    --_text: var(--amicable-color-text, #1b1e24);
    --_text-muted: var(--amicable-color-text-muted, #535a66);
    --_border: var(--amicable-color-border, #8a919e);
    --_accent: var(--amicable-color-accent, #1f57c3);
    --_on-accent: var(--amicable-color-on-accent, #ffffff);
    --_danger: var(--amicable-color-danger, #b3261e);
    --_success: var(--amicable-color-success, #17693b);
    --_focus: var(--amicable-color-focus, #1f57c3);
    --_font: var(--amicable-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--amicable-font-size, 1rem);
    --_radius: var(--amicable-radius, 8px);
    --_space: var(--amicable-space, 0.5rem);
    --_duration: var(--amicable-motion-duration, 150ms);
    color-scheme: light;
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    background: var(--_surface);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_duration: 0ms;
    }
  }
`;
