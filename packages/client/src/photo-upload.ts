import { ContractHeader, Photo } from '@amicable/protocol';
import { decodeAnswer, type RawAnswer } from './answers.js';
import { responseAdapter, type ClientContext } from './client-options.js';
import { ACCEPT_JSON, callEndpoint, type PostOptions } from './endpoint-call.js';
import { exchange, type Attempt, type ExchangeRequest } from './exchange.js';
import { fetchAnswer } from './fetch-transport.js';
import { checkedIdempotencyKey } from './idempotency-key.js';
import { resolveRoute, withoutQuery } from './routes.js';
import { xhrAnswer } from './xhr-transport.js';

/** How a photo goes up, as the order context's `uploads.via` says: POSTed to the backend, or PUT to a pre-signed URL. */
export type UploadVia = 'multipart' | 'presigned';

/** Options of `uploadPhoto`. */
export interface UploadPhotoOptions extends PostOptions {
  /** `multipart` (the default) or `presigned`, as the order context's upload policy says. */
  readonly via?: UploadVia;
  /**
   * Bytes of the request body sent so far and their total (for `multipart` the total includes the
   * form's framing). A retry starts again from 0. The last report is always `loaded === total`.
   * With `fetch` (no `XMLHttpRequest`) that last report is the only one.
   */
  readonly onProgress?: (loaded: number, total: number) => void;
}

/**
 * Uploads `file` as the buyer's photo and gives back the stored `Photo`:
 * - `multipart`: POST `multipart/form-data` with one part named `file` to `uploadPhoto`, with the
 *   token and an `Idempotency-Key` reused on every try;
 * - `presigned`: POST `{ contentType, bytes }` to `requestPhotoUpload` for a ticket, then PUT the
 *   bytes to the ticket's URL with the ticket's headers and no token.
 * Either way the same retries, timeouts (on silence) and typed errors apply as to every call.
 */
export async function uploadPhoto(context: ClientContext, orderId: string, file: Blob, options: UploadPhotoOptions): Promise<Photo> {
  const progress = new ProgressReport(options.onProgress, file.size);
  let request: ExchangeRequest;
  if ((options.via ?? 'multipart') === 'multipart') {
    const route = resolveRoute(context.baseUrl, context.routes, 'uploadPhoto', orderId);
    const form = new FormData();
    form.append('file', file, fileName(file));
    request = {
      operation: 'uploadPhoto',
      method: route.method,
      url: withoutQuery(route.url),
      orderId,
      headers: { Accept: ACCEPT_JSON, [ContractHeader.idempotencyKey]: checkedIdempotencyKey(options.idempotencyKey) },
      signal: options.signal,
      timeout: 'idle',
      send: (attempt) => sendBody(context, route.url, route.method, form, attempt, progress),
    };
  } else {
    // The key (checked there) goes with the ticket request; the PUT to the ticket's URL takes none.
    const ticket = await callEndpoint(
      context,
      'requestPhotoUpload',
      orderId,
      { contentType: file.type, bytes: file.size },
      { signal: options.signal, idempotencyKey: options.idempotencyKey },
    );
    request = {
      operation: 'uploadTarget',
      method: ticket.method,
      url: withoutQuery(ticket.url),
      orderId: null,
      headers: ticket.headers,
      signal: options.signal,
      timeout: 'idle',
      send: (attempt) => sendBody(context, ticket.url, ticket.method, file, attempt, progress),
    };
  }
  const answer = await exchange(context.settings, request);
  const photo = decodeAnswer(request, answer, Photo, responseAdapter(context, 'uploadPhoto'));
  progress.finish();
  return photo;
}

function sendBody(
  context: ClientContext,
  url: string,
  method: string,
  body: FormData | Blob,
  attempt: Attempt,
  progress: ProgressReport,
): Promise<RawAnswer> {
  progress.restart();
  if (context.xhr === null) return fetchAnswer(context.fetch, url, method, body, attempt);
  return xhrAnswer(context.xhr, url, method, body, attempt, (loaded, total) => progress.report(loaded, total));
}

/** A `File`'s own name, or `photo` with the extension of its type. */
function fileName(file: Blob): string {
  const name = (file as Partial<File>).name;
  if (typeof name === 'string' && name !== '') return name;
  const extension = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp' }[file.type] ?? '';
  return `photo${extension}`;
}

/** Reports progress to the caller: never above the total, and `loaded === total` once done. */
class ProgressReport {
  readonly #listener: ((loaded: number, total: number) => void) | undefined;
  readonly #fallbackTotal: number;
  #loaded = 0;
  #total: number;

  constructor(listener: ((loaded: number, total: number) => void) | undefined, fallbackTotal: number) {
    this.#listener = listener;
    this.#fallbackTotal = fallbackTotal;
    this.#total = fallbackTotal;
  }

  restart(): void {
    this.#loaded = 0;
  }

  report(loaded: number, total: number | null): void {
    this.#total = total !== null && total > 0 ? total : Math.max(this.#fallbackTotal, loaded);
    this.#loaded = Math.min(loaded, this.#total);
    this.#listener?.(this.#loaded, this.#total);
  }

  finish(): void {
    if (this.#loaded !== this.#total || this.#total === 0) this.report(this.#total, this.#total);
  }
}
