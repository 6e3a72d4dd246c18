import type { SqlClient } from './sql-client.js';

/** Thrown when a PostgreSQL URL is configured but the optional `pg` driver is not installed. */
export class PostgresDriverMissingError extends Error {
  constructor(cause: unknown) {
    super(
      'A PostgreSQL database is configured, but the PostgreSQL driver "pg" is not installed. '
        + 'Install it next to @amicable/reference-backend (npm install pg, or pnpm add pg), '
        + 'or use the embedded database (AMICABLE_DATABASE=pglite:memory or pglite:<directory>).',
      { cause },
    );
    this.name = 'PostgresDriverMissingError';
  }
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * Connects to PostgreSQL through a pool of node-postgres (`pg`, an optional peer dependency,
 * loaded only here so that PGlite users need not install it). Checks the connection once, so a
 * wrong URL or a server that is down fails at start rather than on the first request.
 */
export async function openPostgres(connectionString: string): Promise<SqlClient> {
  let pg: typeof import('pg').default;
  try {
    // node-postgres is CommonJS at heart: its classes hang off the default export.
    pg = (await import('pg')).default;
  } catch (error) {
    if (isModuleNotFound(error)) throw new PostgresDriverMissingError(error);
    throw error;
  }
  const pool = new pg.Pool({ connectionString });
  // An idle client that loses its connection emits 'error' on the pool; without a listener Node would exit.
  pool.on('error', (error) => console.error('PostgreSQL connection error:', error.message));
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      const result = await pool.query(text, [...params]);
      return { rows: result.rows as T[] };
    },
    close: () => pool.end(),
  };
}
