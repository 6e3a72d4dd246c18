/**
 * A response before it becomes a `Response`: plain data, so that an idempotent one can be stored
 * and replayed, and so that CORS headers are added in one place.
 */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | null;
}

/** A JSON reply. */
export function jsonReply(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** The `Response` for a reply, with `extraHeaders` (CORS) added. */
export function toResponse(reply: Reply, extraHeaders: Readonly<Record<string, string>>): Response {
  const headers = new Headers(reply.headers);
  for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
  // 204 and 304 may not have a body.
  const body = reply.status === 204 || reply.status === 304 ? null : reply.body;
  return new Response(body, { status: reply.status, headers });
}
