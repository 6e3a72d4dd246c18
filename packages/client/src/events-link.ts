import { linkTarget } from './link-header.js';

/**
 * The dispute's event stream as a `Link: <…>; rel="events"` header names it, resolved against the
 * answering URL, but only when it is on the origin of one of `trusted` (the base URL, and the URL
 * the read went to): the watch sends the order's bearer token to that URL, and a wrong or hostile
 * header must not make it hand the token to another site. `null` when there is no such link, or
 * when it points elsewhere.
 */
export function eventsLink(header: string | null, answeredUrl: string, trusted: readonly string[]): string | null {
  const target = linkTarget(header, 'events', answeredUrl);
  if (target === null) return null;
  const origin = originOf(target);
  return origin !== null && trusted.some((url) => originOf(url) === origin) ? target : null;
}

/** The origin of `url`, a relative one resolved against the page's; `null` when it has none. */
function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url, globalThis.location?.href);
    // Opaque origins (`data:`, `blob:` of an opaque origin) all serialise as "null", and are none.
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
