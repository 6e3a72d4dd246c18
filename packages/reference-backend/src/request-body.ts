import { concatBytes } from './concat-bytes.js';
import { problem, ProblemError } from './problems.js';

/** The largest JSON body the backend reads; the biggest request (a dispute) is far below it. */
export const MAX_JSON_BYTES = 256 * 1024;

/** The media type of a `Content-Type` header, lower case, without parameters; `''` when absent. */
export function mediaTypeOf(header: string | null): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * The request's body, read up to `limit` bytes; more than that throws a 413 problem without
 * reading further (a declared `Content-Length` above it is refused before reading at all).
 */
export async function readBody(request: Request, limit: number, tooLarge: string): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('Content-Length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw new ProblemError(problem('payloadTooLarge', { detail: tooLarge }));
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new ProblemError(problem('payloadTooLarge', { detail: tooLarge }));
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}

/** The JSON value of `bytes` (UTF-8), or a 400 problem. */
export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ProblemError(problem('badRequest', { detail: 'the body is not JSON' }));
  }
}
