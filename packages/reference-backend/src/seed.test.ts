import { expect } from '@open-wc/testing';
import { OrderContext, currencyExponent, validateTree, type Role } from '@amicable/protocol';
import { createReferenceBackend } from './backend.js';
import { createMemoryStore } from './memory-store.js';
import { referenceSeed } from './seed.js';

describe('reference seed', function () {
  it('holds the default trees, valid', function () {
    expect(referenceSeed.trees.map((t) => t.id)).to.deep.equal(['physical-goods', 'services']);
    for (const tree of referenceSeed.trees) expect(validateTree(tree).ok, tree.id).to.equal(true);
  });

  it('holds orders in EUR (two lines), JPY and KWD, each priced at the sum of its lines', function () {
    expect(referenceSeed.orders.map((o) => `${o.price.currency}/${currencyExponent(o.price.currency)}/${o.treeId}`)).to.deep.equal([
      'EUR/2/physical-goods',
      'JPY/0/physical-goods',
      'KWD/3/services',
    ]);
    expect(referenceSeed.orders[0]?.summary.lines).to.have.length(2);
    for (const order of referenceSeed.orders) {
      const total = order.summary.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice.amount, 0);
      expect(total, order.orderId).to.equal(order.price.amount);
      expect(order.summary.lines.every((line) => line.unitPrice.currency === order.price.currency), order.orderId).to.equal(true);
    }
  });

  it('gives every role on every order a context the contract accepts', async function () {
    const backend = createReferenceBackend({ store: createMemoryStore(), secret: 's', baseUrl: 'http://seed.test/api' });
    await backend.seed(referenceSeed);
    for (const order of referenceSeed.orders) {
      for (const role of ['buyer', 'seller', 'support'] as Role[]) {
        const response = await backend.handle(new Request(`http://seed.test/api/orders/${order.orderId}/context`, {
          headers: { Authorization: `Bearer ${await backend.mintToken(order.orderId, role)}` },
        }));
        const parsed = OrderContext.safeParse(await response.json());
        expect(parsed.success, `${order.orderId} as ${role}`).to.equal(true);
      }
    }
  });

  it('is described as it is in the table of seeded orders of docs/reference-backend.md', async function () {
    const markdown = await (await fetch('/docs/reference-backend.md', { cache: 'no-store' })).text();
    const counts = ['no', 'one', 'two', 'three', 'four'];
    for (const order of referenceSeed.orders) {
      const row = markdown.split('\n').find((line) => line.startsWith(`| \`${order.orderId}\` |`)) ?? '';
      const [, , what = '', price = '', tree = '', upload = '', locale = ''] = row.split('|').map((cell) => cell.trim());
      expect(price, order.orderId).to.contain(`(\`${order.price.amount}\``).and.to.contain(order.price.currency);
      expect(tree, order.orderId).to.equal(`\`${order.treeId}\``);
      expect(upload.startsWith(order.uploads?.via === 'presigned' ? 'pre-signed' : 'multipart'), order.orderId).to.equal(true);
      expect(locale, order.orderId).to.equal(`\`${order.locale ?? 'en'}\``);
      const lines = /(\w+) lines/.exec(what)?.[1];
      if (lines !== undefined) expect(lines, order.orderId).to.equal(counts[order.summary.lines.length]);
    }
  });

  it('refuses to seed an invalid tree', async function () {
    const backend = createReferenceBackend({ store: createMemoryStore(), secret: 's', baseUrl: 'http://seed.test/api' });
    const broken = { ...structuredClone(referenceSeed.trees[0]!), root: 'nowhere' };
    let error: unknown;
    try {
      await backend.seed({ trees: [broken], orders: [] });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(TypeError);
  });
});
