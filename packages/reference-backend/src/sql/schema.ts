import type { SqlClient } from './sql-client.js';

/**
 * `disputes.settling_since` for a database created before the column existed, filled in for the
 * disputes settling there. Their time comes from the document; a document that PostgreSQL cannot
 * take apart (a `\u0000` in a text, which `json` stores but `->>` refuses) is skipped rather than
 * failing the start.
 */
const ADD_SETTLING_SINCE = `
  if not exists (select 1 from information_schema.columns
      where table_schema = current_schema() and table_name = 'disputes' and column_name = 'settling_since') then
    alter table disputes add column settling_since timestamptz null;
    for settling in select order_id from disputes where doc::text like '%"status":"settling"%' loop
      begin
        update disputes set settling_since = (doc->>'updatedAt')::timestamptz
          where order_id = settling.order_id and (doc->>'status') = 'settling';
      exception when others then
        null;
      end;
    end loop;
  end if;
`;

/**
 * The tables of the SQL store. Documents are `json` rather than `jsonb`: `json` keeps the text
 * as written, key order included, so a dispute read back serializes to the same bytes (and the
 * same ETag) as the one that was stored; `jsonb` would reorder its keys. The columns next to a
 * document are the few that queries and constraints need; queries never look inside a document,
 * since one with a `\u0000` in a text cannot be taken apart by `->>`.
 */
const TABLES = `
  create table if not exists trees (
    id text not null,
    version integer not null,
    doc json not null,
    primary key (id, version)
  );
  create table if not exists orders (
    order_id text primary key,
    doc json not null
  );
  create table if not exists disputes (
    order_id text primary key,
    id text not null unique,
    version integer not null,
    idle_at timestamptz null,
    waiting boolean not null,
    settling_since timestamptz null,
    doc json not null
  );
  create index if not exists disputes_waiting_idle_at on disputes (idle_at) where waiting;
  ${ADD_SETTLING_SINCE}
  create index if not exists disputes_settling_since on disputes (settling_since) where settling_since is not null;
  create table if not exists photos (
    id text primary key,
    order_id text not null,
    content_type text not null,
    status text not null check (status in ('pending', 'stored')),
    size integer not null,
    width integer not null,
    height integer not null,
    bytes bytea not null,
    created_at timestamptz not null
  );
  create index if not exists photos_order_id on photos (order_id);
  create index if not exists photos_pending_created_at on photos (created_at) where status = 'pending';
  create table if not exists idempotency (
    key text primary key,
    fingerprint text not null,
    response json null,
    created_at timestamptz not null
  );
`;

/** An arbitrary constant naming the lock that serializes migrations of one database. */
const MIGRATION_LOCK = 7_305_112_411;

/**
 * Creates the tables and indexes that do not exist yet; safe to run at every start. It is one
 * statement (a `do` block, hence one transaction) holding an advisory lock, so two processes
 * starting together on one PostgreSQL database do not race each other's `create`.
 */
export async function migrate(db: SqlClient): Promise<void> {
  await db.query(`do $migrate$ declare settling record; begin
    perform pg_advisory_xact_lock(${MIGRATION_LOCK});
    ${TABLES}
  end $migrate$;`);
}
