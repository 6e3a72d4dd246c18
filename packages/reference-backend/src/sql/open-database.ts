import type { SqlClient } from './sql-client.js';

/** Where the data lives, as read from a configuration value such as `AMICABLE_DATABASE`. */
export type DatabaseLocation =
  | { readonly kind: 'pglite'; readonly dataDir: string | null }
  | { readonly kind: 'postgres'; readonly url: string };

/**
 * Reads a database configuration value: `pglite:memory` (embedded, gone with the process),
 * `pglite:<directory>` (embedded, persisted there) or a `postgres://` / `postgresql://` URL.
 */
export function parseDatabaseLocation(value: string): DatabaseLocation {
  const trimmed = value.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { kind: 'postgres', url: trimmed };
  if (trimmed.startsWith('pglite:')) {
    const target = trimmed.slice('pglite:'.length);
    if (target === '') throw new Error('pglite: needs "memory" or a directory, e.g. pglite:memory or pglite:.amicable-data');
    return { kind: 'pglite', dataDir: target === 'memory' ? null : target };
  }
  throw new Error(
    `Unknown database "${value}": use pglite:memory, pglite:<directory> or a postgres:// URL.`,
  );
}

/** Opens the database a configuration value names (see `parseDatabaseLocation`). */
export async function openDatabase(value: string): Promise<SqlClient> {
  const location = parseDatabaseLocation(value);
  if (location.kind === 'postgres') {
    const { openPostgres, PostgresDriverMissingError } = await import('./postgres-client.js');
    try {
      return await openPostgres(location.url);
    } catch (error) {
      if (error instanceof PostgresDriverMissingError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Cannot connect to ${describeDatabaseLocation(location)}: ${reason}`, { cause: error });
    }
  }
  const { openPglite } = await import('./pglite-client.js');
  return openPglite(location.dataDir ?? undefined);
}

/** Describes a location for logs without its password. */
export function describeDatabaseLocation(location: DatabaseLocation): string {
  if (location.kind === 'pglite') return location.dataDir === null ? 'PGlite in memory' : `PGlite in ${location.dataDir}`;
  try {
    const url = new URL(location.url);
    if (url.password !== '') url.password = '***';
    return `PostgreSQL at ${url.toString()}`;
  } catch {
    return 'PostgreSQL';
  }
}
