import { expect } from '@open-wc/testing';
import type { Dispute } from '@amicable/protocol';
import { EUR_ORDER, expectStatus, harness, HOUR, JPY_ORDER, missingPartsRequest } from '../backend.test-support.js';
import { ProblemError } from '../problems.js';
import { startSweeps } from './sweeps.js';

describe('the server sweeps', function () {
  it('start although a dispute is broken: the failure is reported, and the other disputes are swept', async function () {
    const h = await harness();
    await expectStatus<Dispute>(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
    const jpy = missingPartsRequest({ orderId: JPY_ORDER, proposals: [{ type: 'replacement' }] });
    await expectStatus<Dispute>(await h.endpoint('openDispute', 'buyer', jpy, { orderId: JPY_ORDER }), 201);
    // A dispute judged by a tree version the database no longer has cannot be lapsed.
    const stored = await h.store.getDispute(EUR_ORDER);
    if (stored === null) throw new Error('the dispute was not stored');
    await h.store.updateDispute({ ...stored.dispute, treeVersion: 99 }, stored.version);
    h.clock.advance(72 * HOUR);

    const errors: unknown[] = [];
    const stop = await startSweeps(h.backend, HOUR, (error) => errors.push(error));
    stop();

    expect(errors).to.have.length(1);
    expect(errors[0]).to.be.instanceOf(AggregateError);
    const [failure] = (errors[0] as AggregateError).errors as unknown[];
    expect(failure).to.be.instanceOf(ProblemError);
    expect((failure as ProblemError).reply.body).to.contain('version 99 of tree');
    expect((await h.store.getDispute(JPY_ORDER))?.dispute.status).to.equal('escalated');
    expect((await h.store.getDispute(EUR_ORDER))?.dispute.status).to.equal('awaiting_seller');
  });
});
