import { expect } from '@open-wc/testing';
import type { ZodMiniType } from 'zod/mini';
import { Dispute, OpenDisputeRequest } from './dispute.js';
import { OrderContext } from './order-context.js';
import { Problem, ProblemType } from './problem.js';

type Path = ReadonlyArray<string | number>;

/** A deep copy of `value` with the member at `path` replaced, or removed when `replacement` is undefined. */
function altered<T>(value: T, path: Path, replacement: unknown): T {
  const copy = structuredClone(value);
  let parent: Record<string | number, unknown> = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** The distinct paths of the issues `schema` reports for `input`, `[]` when it parses. */
function failingPaths(schema: ZodMiniType, input: unknown): PropertyKey[][] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  const seen = new Map(result.error.issues.map((issue) => [JSON.stringify(issue.path), issue.path]));
  return [...seen.values()];
}

/** Declares, for each malformed example, that `schema` refuses it at exactly the altered path. */
function refusesAtPath(schema: ZodMiniType, valid: unknown, cases: ReadonlyArray<readonly [string, Path, unknown]>): void {
  for (const [what, path, replacement] of cases) {
    it(`refuses ${what} at [${path.map((key) => JSON.stringify(key)).join(', ')}]`, () => {
      expect(failingPaths(schema, altered(valid, path, replacement))).to.deep.equal([path]);
    });
  }
}

const at = '2026-12-01T10:00:00Z';

const openDispute = {
  id: 'dsp_1',
  orderId: 'ord_1',
  treeId: 'default',
  treeVersion: 1,
  status: 'awaiting_seller',
  price: { amount: 4999, currency: 'EUR' },
  path: [{ nodeId: 'what', optionId: 'damaged' }],
  outcomeId: 'damaged',
  description: 'The screen arrived cracked.',
  photos: [
    { id: 'ph_1', url: 'https://shop.example/photos/ph_1.jpg', contentType: 'image/jpeg', width: 2048, height: 1536, bytes: 512_000 },
  ],
  proposals: [
    { id: 'p1', resolution: { type: 'partial_refund', amount: { amount: 1500, currency: 'EUR' } } },
    { id: 'p2', resolution: { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 } },
  ],
  sellerResponse: null,
  counterOffer: null,
  escalation: null,
  settlement: null,
  deadlines: { seller: '2026-12-04T10:00:00+01:00', buyer: null },
  idle: { waitingFor: 'seller', at: '2026-12-04T10:00:00+01:00', then: 'escalate' },
  timeline: [{ at, actor: 'buyer', type: 'opened' }],
  ratings: [],
  createdAt: at,
  updatedAt: at,
};

const resolvedDispute = {
  ...openDispute,
  status: 'resolved',
  sellerResponse: { kind: 'counter', resolution: { type: 'partial_refund', amount: { amount: 1000, currency: 'EUR' } }, message: 'Half of that?' },
  counterOffer: { resolution: { type: 'partial_refund', amount: { amount: 1000, currency: 'EUR' } }, message: 'Half of that?', answer: 'accepted' },
  settlement: {
    resolution: { type: 'partial_refund', amount: { amount: 1000, currency: 'EUR' } },
    refund: { amount: 1000, currency: 'EUR' },
    payout: { amount: 3999, currency: 'EUR' },
    decidedBy: 'buyer',
    status: 'paid',
  },
  deadlines: { seller: '2026-12-04T10:00:00+01:00', buyer: '2026-12-05T09:00:00Z' },
  idle: { waitingFor: null, at: null, then: 'none' },
  timeline: [
    { at, actor: 'buyer', type: 'opened' },
    { at, actor: 'seller', type: 'countered' },
    { at, actor: 'buyer', type: 'counter_accepted' },
    { at, actor: 'system', type: 'settled', note: 'paid out' },
  ],
  ratings: [{ role: 'buyer', score: 5, comment: 'Quick and fair.' }],
};

const tree = {
  id: 'default',
  version: 1,
  fallbackLocale: 'en',
  root: 'what',
  nodes: {
    what: {
      kind: 'question',
      prompt: { en: 'What went wrong?', nl: 'Wat ging er mis?' },
      options: [{ id: 'damaged', label: { en: 'It arrived damaged', nl: 'Het kwam beschadigd aan' }, next: 'damaged' }],
    },
    damaged: {
      kind: 'outcome',
      title: { en: 'Damaged item' },
      description: { required: true, minLength: 20, maxLength: 2000 },
      photos: { min: 1, max: 5 },
      resolutions: [
        { type: 'partial_refund', bounds: { unit: 'percent', min: 10, max: 50, suggested: 30 } },
        { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
      ],
      counterOffer: true,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },
  },
};

const orderContext = {
  orderId: 'ord_1',
  summary: {
    title: 'Phone, 128 GB',
    reference: 'A-1001',
    lines: [{ title: 'Phone, 128 GB', quantity: 1, unitPrice: { amount: 4999, currency: 'EUR' } }],
    placedAt: '2026-11-20T09:30:00Z',
    deliveredAt: '2026-11-28T14:00:00Z',
  },
  price: { amount: 4999, currency: 'EUR' },
  buyer: { id: 'u_buyer', displayName: 'Sam' },
  seller: { id: 'u_seller', displayName: 'Phone Shop' },
  role: 'buyer',
  tree,
  dispute: null,
  locale: 'nl-BE',
};

const conflict = {
  type: ProblemType.invalidState,
  title: 'The dispute has moved on',
  status: 409,
  detail: 'The seller answered a moment ago.',
  instance: '/disputes/dsp_1/response',
  dispute: resolvedDispute,
};

const validationProblem = {
  type: ProblemType.validation,
  title: 'The request is not valid',
  status: 422,
  errors: [{ path: 'proposals.0.amount.amount', message: 'an amount is never negative' }],
};

describe('Dispute', () => {
  it('parses a dispute awaiting the seller', () => {
    expect(Dispute.safeParse(openDispute)).to.deep.equal({ success: true, data: openDispute });
  });

  it('parses a resolved dispute with its counter-offer, settlement and rating', () => {
    expect(Dispute.safeParse(resolvedDispute)).to.deep.equal({ success: true, data: resolvedDispute });
  });

  refusesAtPath(Dispute, openDispute, [
    ['a price of 12.5 minor units', ['price', 'amount'], 12.5],
    ['a price in a lower-case currency', ['price', 'currency'], 'eur'],
    ['a negative proposed refund', ['proposals', 0, 'resolution', 'amount', 'amount'], -1],
    ['an unknown resolution type', ['proposals', 1, 'resolution', 'type'], 'store_credit'],
    ['a return to be shipped within 0 days', ['proposals', 1, 'resolution', 'shipWithinDays'], 0],
    ['an unknown status', ['status'], 'open'],
    ['a photo type the browser cannot show', ['photos', 0, 'contentType'], 'image/heic'],
    ['a photo of zero width', ['photos', 0, 'width'], 0],
    ['a date without a time', ['createdAt'], '2026-12-01'],
    ['a deadline that is not a timestamp', ['idle', 'at'], 'tomorrow'],
    ['an unknown timeline entry', ['timeline', 0, 'type'], 'reopened'],
    ['a missing description', ['description'], undefined],
    ['an empty id', ['id'], ''],
    ['a node id with spaces', ['outcomeId'], 'damaged item'],
    ['a missing tree version', ['treeVersion'], undefined],
    ['a tree version of 0', ['treeVersion'], 0],
    ['a seller deadline that is not a timestamp', ['deadlines', 'seller'], 'in three days'],
    ['a missing buyer deadline (null is required when there is none)', ['deadlines', 'buyer'], undefined],
  ]);

  refusesAtPath(Dispute, resolvedDispute, [
    ['a rating of 6', ['ratings', 0, 'score'], 6],
    ['a settlement payout in a float', ['settlement', 'payout', 'amount'], 3998.5],
    ['a counter-offer answer that is neither accepted nor rejected', ['counterOffer', 'answer'], 'maybe'],
    ['a counter-offer message of 2001 characters', ['sellerResponse', 'message'], 'm'.repeat(2001)],
    ['a rating comment of 2001 characters', ['ratings', 0, 'comment'], 'c'.repeat(2001)],
  ]);

  it('refuses a settlement whose refund and payout do not add up to the price, at the settlement', () => {
    const short = altered(resolvedDispute, ['settlement', 'payout', 'amount'], 3998);
    expect(failingPaths(Dispute, short)).to.deep.equal([['settlement']]);
    const over = altered(resolvedDispute, ['settlement', 'refund', 'amount'], 1001);
    expect(failingPaths(Dispute, over)).to.deep.equal([['settlement']]);
  });

  it('refuses a settlement in another currency than the price, at the settlement', () => {
    const usd = { amount: 1000, currency: 'USD' };
    expect(failingPaths(Dispute, altered(resolvedDispute, ['settlement', 'refund'], usd))).to.deep.equal([['settlement']]);
  });

  it('parses a settlement that refunds everything or nothing', () => {
    for (const [refund, payout] of [[4999, 0], [0, 4999]] as const) {
      const settled = altered(
        altered(resolvedDispute, ['settlement', 'refund', 'amount'], refund),
        ['settlement', 'payout', 'amount'],
        payout,
      );
      expect(Dispute.safeParse(settled).success, `${refund} + ${payout}`).to.equal(true);
    }
  });

  it('refuses a rejection whose reason is only white space', () => {
    const rejected = { ...openDispute, status: 'escalated', sellerResponse: { kind: 'reject', reason: '   ' } };
    expect(failingPaths(Dispute, rejected)).to.deep.equal([['sellerResponse', 'reason']]);
  });
});

describe('OpenDisputeRequest', () => {
  const request = {
    orderId: 'ord_1',
    treeId: 'default',
    treeVersion: 1,
    path: [{ nodeId: 'what', optionId: 'damaged' }],
    outcomeId: 'damaged',
    description: 'The screen arrived cracked.',
    photoIds: ['ph_1'],
    proposals: [{ type: 'partial_refund', amount: { amount: 1500, currency: 'EUR' } }, { type: 'full_refund' }],
  };

  it('parses what the buyer submits', () => {
    expect(OpenDisputeRequest.safeParse(request)).to.deep.equal({ success: true, data: request });
  });

  it('parses an empty path, for a tree whose root is an outcome', () => {
    expect(OpenDisputeRequest.safeParse({ ...request, path: [] }).success).to.equal(true);
  });

  refusesAtPath(OpenDisputeRequest, request, [
    ['a path step without its answer', ['path', 0, 'optionId'], [{ nodeId: 'what' }]],
    ['a proposed refund in a float', ['proposals', 0, 'amount', 'amount'], 0.5],
    ['more than five proposals', ['proposals'], Array.from({ length: 6 }, () => ({ type: 'full_refund' }))],
    ['a missing tree id', ['treeId'], undefined],
    ['a missing tree version', ['treeVersion'], undefined],
    ['a tree version in a float', ['treeVersion'], 1.5],
  ]);
});

describe('OrderContext', () => {
  it('parses an order with its tree and no dispute yet', () => {
    expect(OrderContext.safeParse(orderContext)).to.deep.equal({ success: true, data: orderContext });
  });

  it('parses an order with its dispute', () => {
    const withDispute = { ...orderContext, role: 'seller', dispute: openDispute };
    expect(OrderContext.safeParse(withDispute)).to.deep.equal({ success: true, data: withDispute });
  });

  refusesAtPath(OrderContext, orderContext, [
    ['a price of 12.5 minor units', ['price', 'amount'], 12.5],
    ['an unknown currency', ['price', 'currency'], 'XYZ'],
    ['an unknown role', ['role'], 'admin'],
    ['a locale written with an underscore', ['locale'], 'nl_BE'],
    ['an order line of quantity 0', ['summary', 'lines', 0, 'quantity'], 0],
    ['a unit price in a float', ['summary', 'lines', 0, 'unitPrice', 'amount'], 9.99],
    ['a buyer without a name', ['buyer', 'displayName'], ''],
    ['an empty option label in the tree', ['tree', 'nodes', 'what', 'options', 0, 'label', 'en'], ''],
    ['a tree outcome without a deadline', ['tree', 'nodes', 'damaged', 'deadline'], undefined],
    ['a tree of version 0', ['tree', 'version'], 0],
    ['a missing dispute member (null is required when there is none)', ['dispute'], undefined],
    ['an order id of 129 characters, longer than a dispute\'s', ['orderId'], 'o'.repeat(129)],
    ['an empty order id', ['orderId'], ''],
    ['a buyer id of 129 characters', ['buyer', 'id'], 'b'.repeat(129)],
    ['a seller id of 129 characters', ['seller', 'id'], 's'.repeat(129)],
  ]);

  it('accepts ids of 128 characters, the longest a dispute and a request to open one take', () => {
    const longest = { ...orderContext, orderId: 'o'.repeat(128), buyer: { id: 'b'.repeat(128), displayName: 'Sam' } };
    expect(OrderContext.safeParse(longest).success).to.equal(true);
    const request = {
      orderId: longest.orderId, treeId: 'default', treeVersion: 1, path: [], outcomeId: 'damaged',
      description: '', photoIds: [], proposals: [],
    };
    expect(OpenDisputeRequest.safeParse(request).success).to.equal(true);
  });

  it('refuses a dispute inside the context at the dispute\'s own path', () => {
    const broken = { ...orderContext, dispute: altered(openDispute, ['price', 'amount'], 12.5) };
    expect(failingPaths(OrderContext, broken)).to.deep.equal([['dispute', 'price', 'amount']]);
  });
});

describe('Problem', () => {
  it('parses a validation problem with its field errors', () => {
    expect(Problem.safeParse(validationProblem)).to.deep.equal({ success: true, data: validationProblem });
  });

  it('keeps members it does not know, such as the dispute of a conflict', () => {
    const result = Problem.safeParse(conflict);
    expect(result.success).to.be.true;
    expect(result.data).to.deep.equal(conflict);
    expect((result.data as Record<string, unknown>)['dispute']).to.deep.equal(resolvedDispute);
  });

  refusesAtPath(Problem, conflict, [
    ['a success status', ['status'], 200],
    ['a status beyond 599', ['status'], 600],
    ['an empty type', ['type'], ''],
    ['a missing title', ['title'], undefined],
  ]);

  refusesAtPath(Problem, validationProblem, [
    ['a field error without a path', ['errors', 0, 'path'], undefined],
    ['a field error whose message is not text', ['errors', 0, 'message'], 42],
  ]);

  it('names every problem type with a stable URN', () => {
    for (const type of Object.values(ProblemType)) expect(type).to.match(/^urn:amicable:problem:[a-z-]+$/);
  });
});
