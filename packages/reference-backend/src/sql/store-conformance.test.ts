import { describeStoreConformance } from '../store-conformance.test-support.js';
import { openPglite } from './pglite-client.js';
import { createSqlStore } from './sql-store.js';

describeStoreConformance('SQL store on PGlite', async () => {
  const store = createSqlStore(await openPglite());
  await store.migrate();
  return store;
});
