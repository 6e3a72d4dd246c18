/**
 * The target of the first link in a `Link` header (RFC 8288) whose `rel` includes `rel`, resolved
 * against `base`; `null` when there is none. `<https://b.example/e>; rel="events"` with
 * `rel = 'events'` gives `https://b.example/e`.
 */
export function linkTarget(header: string | null, rel: string, base: string): string | null {
  if (header === null) return null;
  const wanted = rel.toLowerCase();
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]*)*)/g)) {
    const params = match[2] ?? '';
    for (const param of params.matchAll(/;\s*([A-Za-z*-]+)\s*=\s*(?:"([^"]*)"|([^\s;,]*))/g)) {
      if (param[1]?.toLowerCase() !== 'rel') continue;
      const values = (param[2] ?? param[3] ?? '').toLowerCase().split(/\s+/);
      if (!values.includes(wanted)) continue;
      try {
        return new URL(match[1] ?? '', base).href;
      } catch {
        return null;
      }
    }
  }
  return null;
}
