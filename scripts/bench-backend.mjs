// What one dispute costs the reference backend, by where it runs: the handler in process on the
// memory store (what msw serves), in process on PGlite, and the Node HTTP server on PGlite reached
// over loopback. Each opens a dispute, reads it, reads it again with If-None-Match (304) and has
// the seller accept (settled through the payments port), order after order.
//
//   pnpm run build && node scripts/bench-backend.mjs [--orders N]
//
// Prints a table of median and p95 milliseconds per operation, with each setup's ratio to the
// in-process memory store, and writes .bench/backend.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The built packages, by path: the repository's root does not depend on its own packages.
const { ENDPOINTS, endpointPath } = await import('../packages/protocol/dist/index.js');
const { createMemoryStore, createReferenceBackend, referenceSeed } = await import('../packages/reference-backend/dist/index.js');
const { createSqlStore, openDatabase, startReferenceServer } = await import('../packages/reference-backend/dist/server/index.js');

const root = fileURLToPath(new URL('..', import.meta.url));
const ordersArg = process.argv.indexOf('--orders');
const ORDERS = ordersArg > 0 ? Number(process.argv[ordersArg + 1]) : 150;
if (!Number.isInteger(ORDERS) || ORDERS < 10) throw new Error('--orders needs an integer of at least 10');
const WARM_UP = 10;
const OPERATIONS = ['open dispute', 'read', 'read (304)', 'accept and settle'];

const template = referenceSeed.orders[0];
const orders = Array.from({ length: ORDERS + WARM_UP }, (_, i) => ({ ...template, orderId: `bench-${i}` }));
const seed = { trees: referenceSeed.trees, orders };
const request = (orderId) => ({
  orderId,
  treeId: 'physical-goods',
  treeVersion: 1,
  path: [
    { nodeId: 'what-went-wrong', optionId: 'not-received' },
    { nodeId: 'delivery-status', optionId: 'no-tracking' },
  ],
  outcomeId: 'parcel-not-delivered',
  description: '',
  photoIds: [],
  proposals: [{ type: 'full_refund' }],
});

/** Runs the four operations for every order through `send` (Request → Response); returns milliseconds per operation. */
async function run(send, mint, baseUrl) {
  const times = Object.fromEntries(OPERATIONS.map((name) => [name, []]));
  const url = (name, orderId) => `${baseUrl}${endpointPath(ENDPOINTS[name].path, orderId)}`;
  for (const [index, { orderId }] of orders.entries()) {
    const buyer = { Authorization: `Bearer ${await mint(orderId, 'buyer')}` };
    const seller = { Authorization: `Bearer ${await mint(orderId, 'seller')}` };
    const post = (name, headers, body) =>
      new Request(url(name, orderId), {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify(body),
      });
    const step = async (name, make, status) => {
      const started = performance.now();
      const response = await send(make());
      const body = await response.text();
      const elapsed = performance.now() - started;
      if (response.status !== status) throw new Error(`${name} answered ${response.status}: ${body}`);
      if (index >= WARM_UP) times[name].push(elapsed);
      return { response, body };
    };
    const opened = await step('open dispute', () => post('openDispute', buyer, request(orderId)), 201);
    const read = await step('read', () => new Request(url('getDispute', orderId), { headers: seller }), 200);
    const etag = read.response.headers.get('ETag');
    await step('read (304)', () => new Request(url('getDispute', orderId), { headers: { ...seller, 'If-None-Match': etag } }), 304);
    const proposalId = JSON.parse(opened.body).proposals[0].id;
    await step('accept and settle', () => post('respond', seller, { kind: 'accept', proposalId }), 200);
  }
  return times;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), samples: sorted.length };
}

const setups = [
  {
    name: 'handler, memory store',
    async start() {
      const baseUrl = 'http://bench.test/api';
      const backend = createReferenceBackend({ store: createMemoryStore(), secret: 'bench', baseUrl });
      await backend.seed(seed);
      return { send: (r) => backend.handle(r), mint: (o, r) => backend.mintToken(o, r), baseUrl, close: async () => {} };
    },
  },
  {
    name: 'handler, PGlite',
    async start() {
      const baseUrl = 'http://bench.test/api';
      const db = await openDatabase('pglite:memory');
      const store = createSqlStore(db);
      await store.migrate();
      const backend = createReferenceBackend({ store, secret: 'bench', baseUrl });
      await backend.seed(seed);
      return { send: (r) => backend.handle(r), mint: (o, r) => backend.mintToken(o, r), baseUrl, close: () => store.close() };
    },
  },
  {
    name: 'HTTP server, PGlite',
    async start() {
      const server = await startReferenceServer({ port: 0, database: 'pglite:memory', secret: 'bench', seed });
      return { send: (r) => fetch(r), mint: (o, r) => server.backend.mintToken(o, r), baseUrl: server.url, close: () => server.close() };
    },
  },
];

const results = [];
for (const setup of setups) {
  const running = await setup.start();
  try {
    const times = await run(running.send, running.mint, running.baseUrl);
    results.push({ setup: setup.name, operations: Object.fromEntries(OPERATIONS.map((name) => [name, stats(times[name])])) });
  } finally {
    await running.close();
  }
}

const peer = results[0];
const fmt = (ms) => ms.toFixed(2).padStart(8);
console.log(`Reference backend, ${ORDERS} disputes per setup (after ${WARM_UP} to warm up), ${cpus().length} cores, Node ${process.version}`);
console.log();
console.log(`${'setup'.padEnd(22)} ${'operation'.padEnd(18)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(8)} ${'x memory'.padStart(9)}`);
for (const result of results) {
  for (const name of OPERATIONS) {
    const { median, p95 } = result.operations[name];
    const ratio = median / peer.operations[name].median;
    console.log(`${result.setup.padEnd(22)} ${name.padEnd(18)} ${fmt(median)} ${fmt(p95)} ${ratio.toFixed(2).padStart(9)}`);
  }
}

const out = join(root, '.bench');
await mkdir(out, { recursive: true });
const report = { orders: ORDERS, warmUp: WARM_UP, cores: cpus().length, node: process.version, at: new Date().toISOString(), results };
await writeFile(join(out, 'backend.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWrote ${join('.bench', 'backend.json')}`);
