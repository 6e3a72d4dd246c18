/**
 * The little the SQL store needs from a database: run one statement with `$1`-style parameters and
 * get its rows back. PGlite and node-postgres both fit it, so the same SQL text runs on either.
 *
 * Values go in as strings (JSON documents, ISO timestamps), numbers, booleans, `null` and
 * `Uint8Array` (bytea); `timestamptz` columns come back as `Date`, `bytea` as a `Uint8Array`
 * (node-postgres gives a `Buffer`, which is one) and `json` as the parsed value.
 */
export interface SqlClient {
  query<T>(text: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Ends the connection (or the pool); the client is unusable afterwards. */
  close(): Promise<void>;
}
