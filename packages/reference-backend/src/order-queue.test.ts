import { expect } from '@open-wc/testing';
import { createOrderQueue } from './order-queue.js';

/** A promise with its resolve function. */
function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('order queue', function () {
  it('runs tasks for one order one at a time, in arrival order', async function () {
    const queue = createOrderQueue();
    const log: string[] = [];
    const gate = deferred();
    const first = queue.run('o-1', async () => {
      log.push('first starts');
      await gate.promise;
      log.push('first ends');
      return 1;
    });
    const second = queue.run('o-1', async () => {
      log.push('second runs');
      return 2;
    });
    await Promise.resolve();
    expect(log).to.deep.equal(['first starts']);
    gate.resolve();
    expect(await Promise.all([first, second])).to.deep.equal([1, 2]);
    expect(log).to.deep.equal(['first starts', 'first ends', 'second runs']);
  });

  it('runs tasks for different orders side by side', async function () {
    const queue = createOrderQueue();
    const gate = deferred();
    const blocked = queue.run('o-1', () => gate.promise);
    expect(await queue.run('o-2', async () => 'not waiting')).to.equal('not waiting');
    gate.resolve();
    await blocked;
  });

  it('goes on after a task fails, and hands the failure to its caller', async function () {
    const queue = createOrderQueue();
    const failed = queue.run('o-1', () => Promise.reject(new Error('boom')));
    const next = queue.run('o-1', async () => 'after');
    let error: unknown;
    try {
      await failed;
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).message).to.equal('boom');
    expect(await next).to.equal('after');
  });
});
