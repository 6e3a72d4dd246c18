import { PGlite } from '@electric-sql/pglite';
import type { SqlClient } from './sql-client.js';

/** A `SqlClient` over an open PGlite database; closing the client closes the database. */
export function pgliteClient(db: PGlite): SqlClient {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      const result = await db.query<T>(text, [...params]);
      return { rows: result.rows };
    },
    close: () => db.close(),
  };
}

/**
 * Opens PGlite (PostgreSQL compiled to WebAssembly, no server): in memory when `dataDir` is
 * omitted, else persisted in that directory (Node) or IndexedDB store (`idb://name`, browsers).
 */
export async function openPglite(dataDir?: string): Promise<SqlClient> {
  const db = dataDir === undefined ? new PGlite() : await PGlite.create(dataDir);
  await db.waitReady;
  return pgliteClient(db);
}
