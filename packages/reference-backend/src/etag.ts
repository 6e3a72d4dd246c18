import { sha256Base64Url, utf8 } from './base64url.js';

/** A strong ETag of a body: `"` + base64url(SHA-256(body)) cut to 27 characters + `"`. */
export async function etagOf(body: string): Promise<string> {
  return `"${(await sha256Base64Url(utf8(body))).slice(0, 27)}"`;
}

/**
 * Whether an `If-None-Match` header matches `etag`: `*`, or any listed tag equal to it by the weak
 * comparison (a `W/` prefix on either side is ignored).
 */
export function ifNoneMatchMatches(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || opaque(candidate) === wanted;
  });
}
