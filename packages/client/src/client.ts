import {
  ContractHeader,
  DISPUTE_EVENTS_PATH,
  type CounterAnswer,
  type DecisionRequest,
  type Dispute,
  type EscalateRequest,
  type OpenDisputeRequest,
  type OrderContext,
  type Photo,
  type PhotoUploadRequest,
  type PhotoUploadTicket,
  type RatingRequest,
  type SellerResponse,
} from '@amicable/protocol';
import { clientContext, type ClientOptions } from './client-options.js';
import { readDisputeEvents } from './dispute-events.js';
import { callEndpoint, decodeEndpoint, sendEndpoint, type CallOptions, type PostOptions } from './endpoint-call.js';
import { eventsLink } from './events-link.js';
import { uploadPhoto, type UploadPhotoOptions } from './photo-upload.js';
import { urlFor } from './routes.js';
import { watchDispute, type DisputeRead, type DisputeWatch, type WatchDisputeOptions } from './watch-dispute.js';

/** Options of `readDispute`: the ETag of the dispute the caller has, if any. */
export interface ReadDisputeOptions extends CallOptions {
  /** Sent as `If-None-Match`; a matching dispute answers `not-modified` without a body. */
  readonly ifNoneMatch?: string;
}

/**
 * The host's mediation backend, one method per endpoint of the contract. Every method:
 * - sends the order's bearer token from `getToken`, and after a 401 asks for a fresh one once;
 * - validates the answer with the contract's schema, so what it resolves with is what the type says;
 * - retries network failures, timeouts, 408, 429, 500, 502, 503 and 504 with backoff, honouring `Retry-After`;
 * - on a POST, sends an `Idempotency-Key` (given, or a new UUID) and the same one on every retry,
 *   so a request that reached the backend before its answer was lost takes effect once; a 409
 *   `idempotency-key-in-flight` (an earlier try still being handled) is retried as a 503 is;
 * - rejects a given `idempotencyKey` that is not 1-255 visible ASCII characters with a
 *   `TypeError`, before anything is sent;
 * - rejects with one of the errors of `AnyClientError` (see `isClientError`), and with `aborted`
 *   as soon as `signal` aborts.
 */
export interface MediationClient {
  /** The order, its price and parties, the caller's role, the decision tree and the dispute, if any. */
  getContext(orderId: string, options?: CallOptions): Promise<OrderContext>;
  /** Opens the order's dispute (the buyer). A second one is a `conflict` carrying the first. */
  openDispute(orderId: string, request: OpenDisputeRequest, options?: PostOptions): Promise<Dispute>;
  /** The order's dispute as it stands; `http` 404 when none was opened. */
  getDispute(orderId: string, options?: CallOptions): Promise<Dispute>;
  /**
   * A conditional read for polling: with `ifNoneMatch` (the ETag from the last read) an unchanged
   * dispute answers `not-modified` without a body. `events` is the event stream's URL when the
   * backend links one on the base URL's origin (or the read's own); a link to another origin is
   * `null`, because following it would send that origin the token.
   */
  readDispute(orderId: string, options?: ReadDisputeOptions): Promise<DisputeRead>;
  /** Asks for a pre-signed URL to PUT a photo to (the buyer); `uploadPhoto` with `via: 'presigned'` does it for you. */
  requestPhotoUpload(orderId: string, request: PhotoUploadRequest, options?: PostOptions): Promise<PhotoUploadTicket>;
  /** Uploads a photo (the buyer), reporting progress; see `UploadPhotoOptions`. */
  uploadPhoto(orderId: string, file: Blob, options?: UploadPhotoOptions): Promise<Photo>;
  /** The seller accepts a proposal, counters once, or rejects with a reason. */
  respond(orderId: string, response: SellerResponse, options?: PostOptions): Promise<Dispute>;
  /** The buyer accepts or rejects the seller's counter-offer. */
  answerCounter(orderId: string, answer: CounterAnswer, options?: PostOptions): Promise<Dispute>;
  /** The buyer withdraws the dispute. */
  withdraw(orderId: string, options?: PostOptions): Promise<Dispute>;
  /** The party whose turn it is, or support, hands the case to support. */
  escalate(orderId: string, request: EscalateRequest, options?: PostOptions): Promise<Dispute>;
  /** Support decides an escalated case. */
  decide(orderId: string, request: DecisionRequest, options?: PostOptions): Promise<Dispute>;
  /** Support asks for the failed payout to be made again. */
  retrySettlement(orderId: string, options?: PostOptions): Promise<Dispute>;
  /** The buyer or the seller rates how the dispute ended, once each. */
  rate(orderId: string, request: RatingRequest, options?: PostOptions): Promise<Dispute>;
  /**
   * Follows the dispute: `onChange` gets it at once and after every change. It streams the
   * backend's events when the backend links them on its own origin (`transport: 'auto'`), else polls with
   * `If-None-Match`, waiting `intervalMs` after a change and half as long again after each read
   * that brings none (or fails), up to `maxIntervalMs`. While the page is hidden it neither polls
   * nor streams, and reads at once when the page is shown again. Errors go to `onError` and the
   * watch goes on until `signal` aborts or `stop()` is called.
   */
  watchDispute(orderId: string, options: WatchDisputeOptions): DisputeWatch;
}

/**
 * A client for the host's mediation backend.
 *
 * ```ts
 * const client = createClient({
 *   baseUrl: 'https://shop.example/api/mediation',
 *   getToken: ({ orderId, refresh }) => mintToken(orderId, { refresh }), // the host's own call
 * });
 * const context = await client.getContext('order-1001');
 * ```
 *
 * Throws a `TypeError` or `RangeError` when an option is missing or out of range.
 */
export function createClient(options: ClientOptions): MediationClient {
  const context = clientContext(options);
  const post = (name: 'respond' | 'answerCounter' | 'withdraw' | 'escalate' | 'decide' | 'retrySettlement' | 'rate') =>
    (orderId: string, body: unknown, callOptions: PostOptions = {}): Promise<Dispute> =>
      callEndpoint(context, name, orderId, body, callOptions);

  const readDispute = async (orderId: string, readOptions: ReadDisputeOptions = {}): Promise<DisputeRead> => {
    const sent = await sendEndpoint(context, 'getDispute', orderId, undefined, readOptions);
    const { answer } = sent;
    const events = eventsLink(answer.headers.get('Link'), answer.url, [context.baseUrl, sent.request.url]);
    const etag = answer.headers.get(ContractHeader.etag);
    if (answer.status === 304) return { status: 'not-modified', etag: etag ?? readOptions.ifNoneMatch ?? null, events };
    return { status: 'modified', dispute: decodeEndpoint(context, 'getDispute', sent), etag, events };
  };

  return {
    getContext: (orderId, callOptions = {}) => callEndpoint(context, 'getContext', orderId, undefined, callOptions),
    openDispute: (orderId, request, callOptions = {}) => callEndpoint(context, 'openDispute', orderId, request, callOptions),
    getDispute: (orderId, callOptions = {}) => callEndpoint(context, 'getDispute', orderId, undefined, callOptions),
    readDispute,
    requestPhotoUpload: (orderId, request, callOptions = {}) =>
      callEndpoint(context, 'requestPhotoUpload', orderId, request, callOptions),
    uploadPhoto: (orderId, file, uploadOptions = {}) => uploadPhoto(context, orderId, file, uploadOptions),
    respond: post('respond'),
    answerCounter: post('answerCounter'),
    withdraw: (orderId, callOptions) => post('withdraw')(orderId, {}, callOptions),
    escalate: post('escalate'),
    decide: post('decide'),
    retrySettlement: (orderId, callOptions) => post('retrySettlement')(orderId, {}, callOptions),
    rate: post('rate'),
    watchDispute: (orderId, watchOptions) =>
      watchDispute(
        {
          read: readDispute,
          stream: (id, url, signal, handlers) => readDisputeEvents(context, id, url, signal, handlers),
          defaultEventsUrl: (id) => urlFor(context.baseUrl, DISPUTE_EVENTS_PATH, id),
          sleep: context.settings.sleep,
        },
        orderId,
        watchOptions,
      ),
  };
}
