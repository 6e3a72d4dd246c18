import { expect } from '@open-wc/testing';
import { openPglite } from './pglite-client.js';
import { createSqlStore } from './sql-store.js';

/** The disputes table as the first release of the store created it, before `settling_since`. */
const FIRST_DISPUTES_TABLE = `create table disputes (
  order_id text primary key,
  id text not null unique,
  version integer not null,
  idle_at timestamptz null,
  waiting boolean not null,
  doc json not null
)`;

describe('SQL store: migration', function () {
  it('brings a database from before settling_since up to date, finding the disputes settling there', async function () {
    const db = await openPglite();
    await db.query(FIRST_DISPUTES_TABLE);
    const insert = (orderId: string, doc: object) =>
      db.query('insert into disputes (order_id, id, version, idle_at, waiting, doc) values ($1, $2, 1, null, false, $3)', [orderId, `dsp-${orderId}`, JSON.stringify(doc)]);
    await insert('ord-settling', { status: 'settling', updatedAt: '2026-11-26T09:00:00.000Z' });
    await insert('ord-resolved', { status: 'resolved', updatedAt: '2026-11-26T09:00:00.000Z' });
    // PostgreSQL stores this document but cannot take it apart; it must not stop the start.
    await insert('ord-unreadable', { status: 'settling', description: 'a\u0000b', updatedAt: '2026-11-26T09:00:00.000Z' });
    const store = createSqlStore(db);
    await store.migrate();
    await store.migrate();
    expect(await store.ordersLeftSettling('2026-11-26T08:59:59.999Z')).to.deep.equal([]);
    expect(await store.ordersLeftSettling('2026-11-26T09:00:00.000Z')).to.deep.equal(['ord-settling']);
    await store.close();
  });
});
