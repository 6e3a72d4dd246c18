import { PGlite } from '@electric-sql/pglite';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pgliteClient } from '../sql/pglite-client.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createSqlStore } from '../sql/sql-store.js';

/** Opens fresh copies of one empty, migrated database. */
export interface PgliteTemplate {
  /** Starts preparing the template now, so that the first `open` waits less. */
  warm(): void;
  /** A new in-memory database with the store's tables, sharing nothing with earlier copies. */
  open(): Promise<SqlClient>;
}

/**
 * A template for many short-lived PGlite databases (one per test server): a new PGlite runs
 * `initdb` and compiles its WebAssembly, seconds each time, whereas a copy loaded from a dump of
 * an initialized, migrated database, with the modules compiled once, opens several times faster.
 */
export function createPgliteTemplate(): PgliteTemplate {
  let prepared: Promise<{ modules: { pgliteWasmModule: WebAssembly.Module; initdbWasmModule: WebAssembly.Module }; dump: Blob }> | undefined;

  async function prepare() {
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all(
      ['pglite.wasm', 'initdb.wasm'].map(async (file) => WebAssembly.compile(await readFile(join(dist, file)))),
    ) as [WebAssembly.Module, WebAssembly.Module];
    const modules = { pgliteWasmModule, initdbWasmModule };
    const db = new PGlite({ ...modules });
    try {
      await createSqlStore(pgliteClient(db)).migrate();
      return { modules, dump: await db.dumpDataDir('none') };
    } finally {
      await db.close();
    }
  }

  function template() {
    prepared ??= prepare().catch((error: unknown) => {
      // A failed preparation is not kept: the next open tries again, and reports its own failure.
      prepared = undefined;
      throw error;
    });
    return prepared;
  }

  return {
    warm() {
      template().catch(() => undefined);
    },
    async open() {
      const { modules, dump } = await template();
      const db = new PGlite({ ...modules, loadDataDir: dump });
      await db.waitReady;
      return pgliteClient(db);
    },
  };
}
