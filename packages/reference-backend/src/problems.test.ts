import { expect } from '@open-wc/testing';
import { Problem, ProblemType, type Dispute } from '@amicable/protocol';
import { EUR_ORDER, expectProblem, expectStatus, harness, HOUR, missingPartsRequest } from './backend.test-support.js';
import { problem, PROBLEMS } from './problems.js';

async function contractText(): Promise<string> {
  const response = await fetch('/docs/backend-contract.md', { cache: 'no-store' });
  expect(response.ok, 'docs/backend-contract.md is served').to.equal(true);
  return response.text();
}

/** The contract's table of problem types: each type URI with the status listed for it. */
function listedStatuses(markdown: string): Map<string, number[]> {
  const listed = new Map<string, number[]>();
  for (const [, type, status] of markdown.matchAll(/^\| `(urn:amicable:problem:[a-z-]+)` \| (\d{3}) \|/gm)) {
    listed.set(type!, [...(listed.get(type!) ?? []), Number(status)]);
  }
  return listed;
}

describe('problems', function () {
  it('has exactly one status for every problem type of the protocol, and no type the protocol lacks', function () {
    expect(Object.keys(PROBLEMS).sort()).to.deep.equal(Object.keys(ProblemType).sort());
    for (const name of Object.keys(ProblemType) as (keyof typeof ProblemType)[]) {
      const reply = problem(name);
      const body = JSON.parse(reply.body as string) as Problem;
      expect(Problem.safeParse(body).success, name).to.equal(true);
      expect(body.type, name).to.equal(ProblemType[name]);
      expect(body.status, name).to.equal(reply.status);
      expect(reply.status, name).to.equal(PROBLEMS[name].status);
    }
  });

  it("gives every type the status the contract's table lists for it, and the table lists every type once", async function () {
    const listed = listedStatuses(await contractText());
    const sent = new Map(Object.entries(PROBLEMS).map(([name, { status }]) => [ProblemType[name as keyof typeof ProblemType], [status]]));
    expect(Object.fromEntries(listed)).to.deep.equal(Object.fromEntries(sent));
  });

  it("sends a late seller the contract's example: 409 invalid-state with the escalated dispute, and nothing else", async function () {
    const markdown = await contractText();
    const from = markdown.indexOf('So a seller who accepts a proposal an hour late');
    expect(from, 'the late-seller example').to.be.above(-1);
    const block = /<!-- example: problem -->\n```json\n([\s\S]*?)\n```/.exec(markdown.slice(from));
    const example = JSON.parse(block?.[1] ?? 'null') as Problem & { dispute: Dispute };

    const h = await harness();
    await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
    h.clock.advance(73 * HOUR);
    const sent = (await expectProblem(await h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' }, { orderId: EUR_ORDER }), 409, 'invalid-state')) as Problem & { dispute: Dispute };

    expect(Object.keys(example)).to.deep.equal(Object.keys(sent));
    const { dispute: exampleDispute, ...exampleProblem } = example;
    const { dispute: sentDispute, ...sentProblem } = sent;
    expect(exampleProblem).to.deep.equal(sentProblem);
    expect(Object.keys(exampleDispute).sort()).to.deep.equal(Object.keys(sentDispute).sort());
    const story = (dispute: Dispute) => ({
      status: dispute.status,
      cause: dispute.escalation?.cause,
      idle: dispute.idle,
      timeline: dispute.timeline.map((entry) => `${entry.actor} ${entry.type}`),
    });
    expect(story(exampleDispute)).to.deep.equal(story(sentDispute));
  });
});
