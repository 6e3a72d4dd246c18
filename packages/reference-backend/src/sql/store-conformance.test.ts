import { createMemoryStore } from '../memory-store.js';
import { describeStoreConformance } from '../store-conformance.test-support.js';
import { openPglite } from './pglite-client.js';
import { createSqlStore } from './sql-store.js';

// The same behaviours, in memory (msw, tests) and in SQL (the server), so the two cannot drift.
describeStoreConformance('memory store', async () => createMemoryStore());

describeStoreConformance('SQL store on PGlite', async () => {
  const store = createSqlStore(await openPglite());
  await store.migrate();
  return store;
});
