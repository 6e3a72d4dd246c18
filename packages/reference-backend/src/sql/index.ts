export type { SqlClient } from './sql-client.js';
export { createSqlStore, type SqlStore } from './sql-store.js';
export { migrate } from './schema.js';
export { openPglite, pgliteClient } from './pglite-client.js';
export { openPostgres, PostgresDriverMissingError } from './postgres-client.js';
export { describeDatabaseLocation, openDatabase, parseDatabaseLocation, type DatabaseLocation } from './open-database.js';
