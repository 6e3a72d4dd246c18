import { expect } from '@open-wc/testing';
import { defaultTrees, type DecisionTree } from '@amicable/protocol';
import { createMemoryStore } from './memory-store.js';
import { referenceSeed } from './seed.js';
import type { PhotoRecord } from './store.js';

describe('memory store', function () {
  it('keeps its own copy of what it is given: later changes by the caller do not reach it', async function () {
    const store = createMemoryStore();
    const order = structuredClone(referenceSeed.orders[0]!);
    await store.putOrder(order);
    order.summary.lines[0]!.quantity = 99;
    expect((await store.getOrder(order.orderId))?.summary.lines[0]?.quantity).to.equal(1);
  });

  it('hands out copies: changing what it returned changes nothing stored', async function () {
    const store = createMemoryStore();
    await store.putTree(defaultTrees.services);
    const tree = (await store.getTree('services')) as DecisionTree;
    tree.root = 'elsewhere';
    expect((await store.getTree('services'))?.root).to.equal('what-went-wrong');
  });

  it('copies photo bytes both ways', async function () {
    const store = createMemoryStore();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    const photo: PhotoRecord = { id: 'ph', orderId: 'o', contentType: 'image/jpeg', status: 'stored', size: 4, width: 1, height: 1, bytes, createdAt: '2026-11-26T09:00:00.000Z' };
    await store.putPhoto(photo);
    bytes[0] = 0;
    const read = await store.getPhoto('ph');
    expect(Array.from(read?.bytes ?? [])).to.deep.equal([0xff, 0xd8, 0xff, 0xe0]);
    read?.bytes.fill(1);
    expect(Array.from((await store.getPhoto('ph'))?.bytes ?? [])).to.deep.equal([0xff, 0xd8, 0xff, 0xe0]);
  });
});
