export { createReferenceBackend, type ReferenceBackend, type ReferenceBackendOptions } from './backend.js';
export type { PaymentsPort, PayoutResult, PayoutSplit } from './backend-context.js';
export type { DisputeChange, DisputeEvents } from './event-hub.js';
export { createMemoryStore } from './memory-store.js';
export { createFakeClock, type FakeClock } from './fake-clock.js';
export { referenceSeed, type ReferenceSeed } from './seed.js';
export { readImageHeader, readImageSize, sniffImageType, type ImageHeader } from './image-header.js';
export { routeNameOf, PHOTO_PATH, UPLOAD_PATH, type RouteName } from './router.js';
export type { IdempotencyRecord, OrderRecord, PhotoRecord, Store, VersionedDispute } from './store.js';
