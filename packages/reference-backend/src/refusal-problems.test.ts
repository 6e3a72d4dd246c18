import { expect } from '@open-wc/testing';
import type { OpeningRefusal, Refusal } from '@amicable/machine';
import { Problem, type Dispute } from '@amicable/protocol';
import { expectStatus, harness, missingPartsRequest } from './backend.test-support.js';
import { lifecycleProblem, openingProblem } from './refusal-problems.js';
import type { Reply } from './reply.js';

function bodyOf(reply: Reply): Problem & { dispute?: Dispute } {
  expect(reply.headers['Content-Type']).to.equal('application/problem+json');
  const body = JSON.parse(reply.body as string) as Problem & { dispute?: Dispute };
  expect(Problem.safeParse(body).success).to.equal(true);
  expect(body.status).to.equal(reply.status);
  return body;
}

const fault = { code: 'shape', path: '$.reason', message: 'missing: expected text' };

describe('refusal problems', function () {
  let dispute: Dispute;
  before(async function () {
    const h = await harness();
    dispute = await expectStatus<Dispute>(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
  });

  it('maps every refusal of a party’s action to its problem type, status, fields and dispute', function () {
    const EUR = (amount: number) => ({ amount, currency: 'EUR' });
    const cases: [Refusal | OpeningRefusal, number, string, string[], boolean][] = [
      [{ code: 'invalid_event', faults: [fault] }, 422, 'validation', ['$.reason shape'], false],
      [{ code: 'invalid_state', status: 'resolved', event: 'ACCEPT' }, 409, 'invalid-state', [], true],
      [{ code: 'forbidden_role', role: 'buyer', allowed: ['seller', 'support'] }, 403, 'forbidden-role', [], false],
      [{ code: 'deadline_passed', deadline: '2026-11-29T09:00:00.000Z' }, 409, 'deadline-passed', [], true],
      [{ code: 'unknown_proposal', proposalId: 'p9' }, 422, 'unknown-proposal', ['$.proposalId unknown_proposal'], false],
      [{ code: 'counter_not_allowed' }, 422, 'counter-not-allowed', [], false],
      [{ code: 'counter_same_as_proposal', proposalId: 'p1' }, 422, 'validation', ['$.resolution same_as_proposal'], false],
      [{ code: 'resolution', fault: { code: 'below_min', min: EUR(305) } }, 422, 'out-of-bounds', ['$.resolution.amount.amount below_min'], false],
      [{ code: 'resolution', fault: { code: 'above_max', max: EUR(2_440) } }, 422, 'out-of-bounds', ['$.resolution.amount.amount above_max'], false],
      [{ code: 'resolution', fault: { code: 'currency_mismatch', expected: 'EUR' } }, 422, 'out-of-bounds', ['$.resolution.amount.currency currency_mismatch'], false],
      [{ code: 'resolution', fault: { code: 'not_offered', type: 'full_refund' } }, 422, 'out-of-bounds', ['$.resolution.type not_offered'], false],
      [{ code: 'resolution', fault: { code: 'terms_differ' } }, 422, 'out-of-bounds', ['$.resolution terms_differ'], false],
      [{ code: 'already_rated' }, 409, 'already-rated', [], true],
      [{ code: 'invalid_time', at: '2026-11-26T08:00:00.000Z', notBefore: '2026-11-26T09:00:00.000Z' }, 500, 'internal', [], false],
      [{ code: 'deadline_not_reached', deadline: null }, 500, 'internal', [], false],
      [{ code: 'invalid_input', faults: [fault] }, 500, 'internal', ['$.reason shape'], false],
      [{ code: 'tree_mismatch', treeId: 'physical-goods', treeVersion: 3 }, 500, 'internal', [], false],
      [{ code: 'inconsistent_record', detail: 'settling without a settlement' }, 500, 'internal', [], false],
    ];
    for (const [refusal, status, type, errors, carriesDispute] of cases) {
      const reply = lifecycleProblem(refusal, dispute);
      const body = bodyOf(reply);
      const name = JSON.stringify(refusal);
      expect(reply.status, name).to.equal(status);
      expect(body.type, name).to.equal(`urn:amicable:problem:${type}`);
      expect((body.errors ?? []).map((e) => `${e.path} ${e.code}`), name).to.deep.equal(errors);
      expect(body.dispute, name).to.deep.equal(carriesDispute ? dispute : undefined);
    }
  });

  it('maps every refusal to open a dispute to its problem', function () {
    const cases: [OpeningRefusal, number, string][] = [
      [{ code: 'invalid_request', faults: [{ code: 'too_few_photos', path: '$.photoIds', message: 'at least 1' }] }, 422, 'validation'],
      [{ code: 'tree_mismatch', treeId: 'physical-goods', treeVersion: 1 }, 409, 'tree-changed'],
      [{ code: 'invalid_input', faults: [fault] }, 500, 'internal'],
      [{ code: 'inconsistent_record', detail: 'odd' }, 500, 'internal'],
    ];
    for (const [refusal, status, type] of cases) {
      const body = bodyOf(openingProblem(refusal));
      expect(body.status, refusal.code).to.equal(status);
      expect(body.type, refusal.code).to.equal(`urn:amicable:problem:${type}`);
    }
    expect(bodyOf(openingProblem({ code: 'invalid_request', faults: [{ code: 'too_few_photos', path: '$.photoIds', message: 'at least 1' }] })).errors)
      .to.deep.equal([{ path: '$.photoIds', code: 'too_few_photos', message: 'at least 1' }]);
  });
});
