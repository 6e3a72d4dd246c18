export { createClient, type MediationClient, type ReadDisputeOptions } from './client.js';
export { idempotencyKey } from './idempotency-key.js';
export { DEFAULT_TIMEOUT_MS, type Adapters, type ClientOptions } from './client-options.js';
export type { CallOptions, PostOptions } from './endpoint-call.js';
export type { UploadPhotoOptions, UploadVia } from './photo-upload.js';
export type { DisputeRead, DisputeWatch, WatchDisputeOptions, WatchState, WatchTransport } from './watch-dispute.js';
export type { TokenRequest, TokenSource } from './token-cache.js';
export type { RouteOverride, RouteOverrides } from './routes.js';
export type { FetchLike } from './fetch-transport.js';
export type { XhrFactory } from './xhr-transport.js';
export type { Sleep } from './cancellation.js';
export { DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, type RetryPolicy } from './retry-policy.js';
export {
  AbortedError,
  ClientError,
  ConflictError,
  HttpError,
  isClientError,
  MalformedResponseError,
  NetworkError,
  SchemaError,
  TimeoutError,
  UnauthorizedError,
  ValidationError,
  type AnyClientError,
  type ClientErrorKind,
  type ClientOperation,
  type RequestDescription,
} from './errors.js';
