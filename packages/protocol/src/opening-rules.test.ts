import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { outcomeOf, questionOf, type DecisionTree, type OutcomeNode, type ResolutionOption } from './decision-tree.js';
import { OpenDisputeRequest } from './dispute.js';
import type { Money } from './money.js';
import {
  checkOpening,
  descriptionFault,
  photoCountFault,
  type DescriptionFault,
  type OpeningFault,
  type OpeningFaultCode,
  type PhotoCountFault,
} from './opening-rules.js';
import { concreteBounds, type Resolution } from './resolution.js';
import { validTreeArbitrary } from './tree-arbitrary.test-support.js';
import { baseTree, outcome } from './tree-validation.test-corpus.js';
import { physicalGoodsTree, servicesTree } from './trees/index.js';

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

/** An outcome with the given description and photo rules, offering a full refund. */
function rules(description: OutcomeNode['description'], photos: OutcomeNode['photos'] = { min: 0, max: 0 }): OutcomeNode {
  return { ...outcome(baseTree(), 'lost'), description, photos };
}

describe('descriptionFault', () => {
  const optional = rules({ required: false, minLength: 5, maxLength: 20 });
  const required = rules({ required: true, minLength: 10, maxLength: 50 });
  const anyLength = rules({ required: true, minLength: 0, maxLength: 2000 });
  const rows: [string, OutcomeNode, string, DescriptionFault | null][] = [
    ['optional, empty', optional, '', null],
    ['optional, only white space', optional, ' \n\t ', null],
    ['optional, too short', optional, 'dent', 'too_short'],
    ['optional, long enough once trimmed', optional, '   dents   ', null],
    ['optional, exactly the maximum', optional, 'x'.repeat(20), null],
    ['optional, one above the maximum', optional, 'x'.repeat(21), 'too_long'],
    ['optional, the maximum inside white space', optional, `  ${'x'.repeat(20)}\n`, null],
    ['required, empty', required, '', 'required'],
    ['required, only white space', required, ' \n\t ', 'required'],
    ['required, too short', required, 'not here', 'too_short'],
    ['required, exactly the minimum', required, 'never came', null],
    ['required without a minimum, one character', anyLength, '!', null],
    // Counted in UTF-16 code units, as the wire schema counts: each emoji is two.
    ['required, five emoji are ten units', required, '😀😀😀😀😀', null],
    ['required, four emoji and a letter are nine units', required, '😀😀😀😀a', 'too_short'],
  ];
  for (const [title, at, text, expected] of rows) {
    it(`${expected ?? 'accepts'}: ${title}`, () => {
      expect(descriptionFault(at, text)).to.equal(expected);
    });
  }
});

describe('photoCountFault', () => {
  const rows: [number, number, number, PhotoCountFault | null][] = [
    [1, 3, 0, 'too_few'],
    [1, 3, 1, null],
    [1, 3, 3, null],
    [1, 3, 4, 'too_many'],
    [0, 0, 0, null],
    [0, 0, 1, 'too_many'],
  ];
  for (const [min, max, count, expected] of rows) {
    it(`${expected ?? 'accepts'}: ${count} photos where ${min} to ${max} are allowed`, () => {
      expect(photoCountFault(rules({ required: false, minLength: 0, maxLength: 10 }, { min, max }), count)).to.equal(expected);
    });
  }
});

describe('checkOpening', () => {
  const tree = baseTree();
  const price = eur(4999);
  const words = (n: number): string => 'The lamp shade is cracked and the base wobbles badly. '.repeat(3).slice(0, n);

  /** Valid requests for each outcome of the corpus tree at 49.99 EUR. */
  const valid = {
    // 10-50 % of 49.99: 5.00 to 25.00 EUR.
    damaged: (): OpenDisputeRequest => ({
      orderId: 'ord_1',
      treeId: tree.id,
      treeVersion: tree.version,
      path: [{ nodeId: 'start', optionId: 'broken' }],
      outcomeId: 'damaged',
      description: words(40),
      photoIds: ['ph_1', 'ph_2'],
      proposals: [
        { type: 'replacement' },
        { type: 'partial_refund', amount: eur(1500) },
        { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
      ],
    }),
    // Amount bounds of 0.00 to 15.00 EUR; no photos; the description is optional.
    late: (): OpenDisputeRequest => ({
      orderId: 'ord_1',
      treeId: tree.id,
      treeVersion: tree.version,
      path: [{ nodeId: 'start', optionId: 'missing' }, { nodeId: 'not-received', optionId: 'late' }],
      outcomeId: 'late',
      description: '',
      photoIds: [],
      proposals: [{ type: 'partial_refund', amount: eur(500) }],
    }),
    counterfeit: (): OpenDisputeRequest => ({
      orderId: 'ord_1',
      treeId: tree.id,
      treeVersion: tree.version,
      path: [{ nodeId: 'start', optionId: 'fake' }],
      outcomeId: 'counterfeit',
      description: words(60),
      photoIds: ['ph_1'],
      proposals: [],
    }),
  };

  const located = (faults: readonly OpeningFault[]) => faults.map(({ code, path }) => ({ code, path }));

  it('accepts a valid request for each kind of outcome', () => {
    for (const [name, request] of Object.entries(valid)) {
      expect(OpenDisputeRequest.safeParse(request()).success, name).to.equal(true);
      expect(checkOpening(tree, price, request()), name).to.deep.equal([]);
    }
  });

  it('accepts proposals in any order', () => {
    const request = valid.damaged();
    request.proposals.reverse();
    expect(checkOpening(tree, price, request)).to.deep.equal([]);
  });

  it('accepts a lost parcel reached by either of the two answers that lead to it', () => {
    for (const optionId of ['says-delivered', 'no-update']) {
      const request: OpenDisputeRequest = {
        ...valid.late(),
        path: [{ nodeId: 'start', optionId: 'missing' }, { nodeId: 'not-received', optionId }],
        outcomeId: 'lost',
        description: words(25),
        proposals: [{ type: 'full_refund' }],
      };
      expect(checkOpening(tree, price, request), optionId).to.deep.equal([]);
    }
  });

  it('accepts an empty path in a tree whose root is an outcome', () => {
    const single: DecisionTree = { ...tree, root: 'lost', nodes: { lost: outcome(tree, 'lost') } };
    const request: OpenDisputeRequest = { ...valid.late(), path: [], outcomeId: 'lost', description: words(25), proposals: [{ type: 'full_refund' }] };
    expect(checkOpening(single, price, request)).to.deep.equal([]);
  });

  interface Row {
    readonly name: string;
    readonly request: () => OpenDisputeRequest;
    readonly faults: readonly { code: OpeningFaultCode; path: string }[];
    readonly tree?: DecisionTree;
    readonly price?: Money;
  }

  const rows: readonly Row[] = [
    // ---- the tree
    {
      name: 'a request made on another tree, and nothing else is judged',
      request: () => ({ ...valid.damaged(), treeId: 'other-tree', description: '' }),
      faults: [{ code: 'tree_mismatch', path: '$.treeId' }],
    },
    {
      name: 'a request made on an older version of the tree',
      request: () => ({ ...valid.damaged(), treeVersion: 2 }),
      faults: [{ code: 'tree_mismatch', path: '$.treeVersion' }],
    },
    {
      name: 'both the tree and its version differ',
      request: () => ({ ...valid.damaged(), treeId: 'other-tree', treeVersion: 9 }),
      faults: [{ code: 'tree_mismatch', path: '$.treeId' }, { code: 'tree_mismatch', path: '$.treeVersion' }],
    },
    // ---- the path
    {
      name: 'a first step that does not start at the root',
      request: () => ({ ...valid.late(), path: [{ nodeId: 'not-received', optionId: 'late' }] }),
      faults: [{ code: 'wrong_step', path: '$.path[0].nodeId' }],
    },
    {
      name: 'a second step at another question than the first answer leads to',
      request: () => ({ ...valid.late(), path: [{ nodeId: 'start', optionId: 'missing' }, { nodeId: 'start', optionId: 'missing' }] }),
      faults: [{ code: 'wrong_step', path: '$.path[1].nodeId' }],
    },
    {
      name: 'an option the question does not have',
      request: () => ({ ...valid.late(), path: [{ nodeId: 'start', optionId: 'missing' }, { nodeId: 'not-received', optionId: 'lost' }] }),
      faults: [{ code: 'wrong_step', path: '$.path[1].optionId' }],
    },
    {
      name: 'an option named like a property every object has',
      request: () => ({ ...valid.damaged(), path: [{ nodeId: 'start', optionId: 'constructor' }] }),
      faults: [{ code: 'wrong_step', path: '$.path[0].optionId' }],
    },
    {
      name: 'a step after the outcome is reached',
      request: () => ({ ...valid.damaged(), path: [...valid.damaged().path, { nodeId: 'damaged', optionId: 'broken' }] }),
      faults: [{ code: 'wrong_step', path: '$.path[1]' }],
    },
    {
      name: 'a path that stops at a question',
      request: () => ({ ...valid.late(), path: [{ nodeId: 'start', optionId: 'missing' }] }),
      faults: [{ code: 'wrong_step', path: '$.path' }],
    },
    {
      name: 'an empty path in a tree whose root is a question',
      request: () => ({ ...valid.damaged(), path: [] }),
      faults: [{ code: 'wrong_step', path: '$.path' }],
    },
    // ---- the outcome
    {
      name: 'an outcome the path does not lead to (its own rules still apply)',
      request: () => ({ ...valid.late(), outcomeId: 'damaged' }),
      faults: [
        { code: 'wrong_outcome', path: '$.outcomeId' },
        { code: 'description_required', path: '$.description' },
        { code: 'too_few_photos', path: '$.photoIds' },
        { code: 'proposal_currency_mismatch', path: '$.proposals[0].amount.currency' },
      ],
      // The damaged outcome's bounds made absolute in another currency, so every rule of it trips.
      tree: treeWith('damaged', (node) => ({
        ...node,
        resolutions: [{ type: 'partial_refund', bounds: { unit: 'amount', currency: 'USD', min: 0, max: 1000, suggested: 500 } }],
      })),
    },
    {
      name: 'an outcome id that is a question of the tree',
      request: () => ({ ...valid.damaged(), outcomeId: 'not-received' }),
      faults: [{ code: 'wrong_outcome', path: '$.outcomeId' }],
    },
    {
      name: 'an outcome id the tree does not have',
      request: () => ({ ...valid.damaged(), outcomeId: 'toString' }),
      faults: [{ code: 'wrong_outcome', path: '$.outcomeId' }],
    },
    // ---- the description
    {
      name: 'no description where one is required',
      request: () => ({ ...valid.damaged(), description: '   ' }),
      faults: [{ code: 'description_required', path: '$.description' }],
    },
    {
      name: 'a description shorter than the minimum once trimmed',
      request: () => ({ ...valid.damaged(), description: `  ${words(29)}  ` }),
      faults: [{ code: 'description_too_short', path: '$.description' }],
    },
    {
      name: 'a description longer than the maximum',
      request: () => ({ ...valid.late(), description: 'x'.repeat(1001) }),
      faults: [{ code: 'description_too_long', path: '$.description' }],
    },
    // ---- the photos
    {
      name: 'fewer photos than the minimum',
      request: () => ({ ...valid.damaged(), photoIds: [] }),
      faults: [{ code: 'too_few_photos', path: '$.photoIds' }],
    },
    {
      name: 'photos where the outcome allows none',
      request: () => ({ ...valid.late(), photoIds: ['ph_1'] }),
      faults: [{ code: 'too_many_photos', path: '$.photoIds' }],
    },
    {
      name: 'the same photo twice',
      request: () => ({ ...valid.damaged(), photoIds: ['ph_1', 'ph_2', 'ph_1'] }),
      faults: [{ code: 'duplicate_photo', path: '$.photoIds[2]' }],
    },
    // ---- the proposals
    {
      name: 'no proposal where the outcome asks for one',
      request: () => ({ ...valid.damaged(), proposals: [] }),
      faults: [{ code: 'no_proposal', path: '$.proposals' }],
    },
    {
      name: 'any proposal at a straight-to-support outcome',
      request: () => ({ ...valid.counterfeit(), proposals: [{ type: 'full_refund' }, { type: 'replacement' }] }),
      faults: [
        { code: 'proposal_not_offered', path: '$.proposals[0].type' },
        { code: 'proposal_not_offered', path: '$.proposals[1].type' },
      ],
    },
    {
      name: 'the same resolution type twice, even on other terms',
      request: () => ({ ...valid.damaged(), proposals: [{ type: 'partial_refund', amount: eur(1500) }, { type: 'partial_refund', amount: eur(2000) }] }),
      faults: [{ code: 'duplicate_proposal', path: '$.proposals[1].type' }],
    },
    {
      name: 'a resolution the outcome does not offer',
      request: () => ({ ...valid.damaged(), proposals: [{ type: 'replacement' }, { type: 'full_refund' }] }),
      faults: [{ code: 'proposal_not_offered', path: '$.proposals[1].type' }],
    },
    {
      name: 'no refund, which only support decides',
      request: () => ({ ...valid.damaged(), proposals: [{ type: 'no_refund' }] }),
      faults: [{ code: 'proposal_not_offered', path: '$.proposals[0].type' }],
    },
    {
      name: 'a partial refund in another currency than the price',
      request: () => ({ ...valid.damaged(), proposals: [{ type: 'partial_refund', amount: { amount: 1500, currency: 'USD' } }] }),
      faults: [{ code: 'proposal_currency_mismatch', path: '$.proposals[0].amount.currency' }],
    },
    {
      name: 'a partial refund where the outcome\'s absolute bounds are in another currency than the price',
      request: () => ({ ...valid.late(), proposals: [{ type: 'partial_refund', amount: { amount: 500, currency: 'USD' } }] }),
      price: { amount: 4999, currency: 'USD' },
      faults: [{ code: 'proposal_currency_mismatch', path: '$.proposals[0].amount.currency' }],
    },
    {
      name: 'a partial refund one cent below the minimum',
      request: () => ({ ...valid.damaged(), proposals: [{ type: 'partial_refund', amount: eur(499) }] }),
      faults: [{ code: 'proposal_below_min', path: '$.proposals[0].amount.amount' }],
    },
    {
      name: 'a partial refund one cent above the maximum',
      request: () => ({ ...valid.damaged(), proposals: [{ type: 'replacement' }, { type: 'partial_refund', amount: eur(2501) }] }),
      faults: [{ code: 'proposal_above_max', path: '$.proposals[1].amount.amount' }],
    },
    {
      name: 'a partial refund of more than the price',
      request: () => ({ ...valid.late(), proposals: [{ type: 'partial_refund', amount: eur(6000) }] }),
      price: eur(1000),
      faults: [{ code: 'proposal_above_max', path: '$.proposals[0].amount.amount' }],
    },
    {
      name: 'a return shipped at the buyer\'s cost where the seller pays',
      request: () => ({ ...valid.damaged(), proposals: [{ type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 14 }] }),
      faults: [{ code: 'proposal_terms_differ', path: '$.proposals[0].returnShippingPaidBy' }],
    },
    {
      name: 'a return within more days than the outcome gives',
      request: () => ({ ...valid.damaged(), proposals: [{ type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 30 }] }),
      faults: [{ code: 'proposal_terms_differ', path: '$.proposals[0].shipWithinDays' }],
    },
    // ---- several at once
    {
      name: 'several faults at once, in order: path, description, photos, proposals',
      request: () => ({
        ...valid.damaged(),
        path: [{ nodeId: 'start', optionId: 'cracked' }],
        description: 'short',
        photoIds: ['ph_1', 'ph_1'],
        proposals: [{ type: 'partial_refund', amount: eur(100) }, { type: 'replacement' }, { type: 'replacement' }],
      }),
      faults: [
        { code: 'wrong_step', path: '$.path[0].optionId' },
        { code: 'description_too_short', path: '$.description' },
        { code: 'duplicate_photo', path: '$.photoIds[1]' },
        { code: 'proposal_below_min', path: '$.proposals[0].amount.amount' },
        { code: 'duplicate_proposal', path: '$.proposals[2].type' },
      ],
    },
  ];

  describe('refuses a request with exactly its faults', () => {
    for (const row of rows) {
      it(row.name, () => {
        const request = row.request();
        expect(OpenDisputeRequest.safeParse(request).success, 'the request itself is well formed').to.equal(true);
        const faults = checkOpening(row.tree ?? tree, row.price ?? price, request);
        expect(located(faults)).to.deep.equal(row.faults);
        for (const { message } of faults) expect(message).to.match(/^[a-z"].*\w/);
      });
    }

    it('covers every fault code', () => {
      const every = {
        tree_mismatch: true,
        wrong_step: true,
        wrong_outcome: true,
        description_required: true,
        description_too_short: true,
        description_too_long: true,
        too_few_photos: true,
        too_many_photos: true,
        duplicate_photo: true,
        no_proposal: true,
        duplicate_proposal: true,
        proposal_not_offered: true,
        proposal_currency_mismatch: true,
        proposal_below_min: true,
        proposal_above_max: true,
        proposal_terms_differ: true,
      } satisfies Record<OpeningFaultCode, true>;
      const covered = new Set(rows.flatMap((row) => row.faults.map((f) => f.code)));
      expect([...covered].sort()).to.deep.equal(Object.keys(every).sort());
    });
  });

  describe('messages', () => {
    const messageOf = (request: OpenDisputeRequest, at: Money = price): string | undefined => checkOpening(tree, at, request)[0]?.message;

    it('name the question and the option it lacks', () => {
      const request = { ...valid.late(), path: [{ nodeId: 'start', optionId: 'missing' }, { nodeId: 'not-received', optionId: 'lost' }] };
      expect(messageOf(request)).to.equal('question "not-received" has no option "lost"');
    });

    it('give a partial refund and its bound in the currency', () => {
      const request: OpenDisputeRequest = { ...valid.damaged(), proposals: [{ type: 'partial_refund', amount: eur(499) }] };
      expect(messageOf(request)).to.equal('the partial refund of 4.99 EUR is below the minimum of 5.00 EUR');
    });

    it('count the description the way the rules do', () => {
      expect(messageOf({ ...valid.damaged(), description: '  too short  ' })).to.equal(
        'the description has 9 characters; outcome "damaged" asks for at least 30',
      );
    });

    it('say what the outcome offers', () => {
      expect(messageOf({ ...valid.damaged(), proposals: [{ type: 'full_refund' }] })).to.equal(
        'outcome "damaged" does not offer "full_refund"; it offers "partial_refund", "return_and_refund", "replacement"',
      );
    });
  });

  describe('every request a buyer can make by walking a tree with valid answers', () => {
    /** Every way from the root to an outcome, as path steps. */
    function routes(of: DecisionTree): { path: OpenDisputeRequest['path']; outcomeId: string }[] {
      const found: { path: OpenDisputeRequest['path']; outcomeId: string }[] = [];
      const visit = (nodeId: string, path: OpenDisputeRequest['path']): void => {
        const question = questionOf(of, nodeId);
        if (question === undefined) {
          found.push({ path, outcomeId: nodeId });
          return;
        }
        for (const option of question.options) visit(option.next, [...path, { nodeId, optionId: option.id }]);
      };
      visit(of.root, []);
      return found;
    }

    /** Whether the outcome's partial refund can be priced in `price`'s currency. */
    const priceable = (option: ResolutionOption, at: Money): boolean =>
      option.type !== 'partial_refund' || option.bounds.unit === 'percent' || option.bounds.currency === at.currency;

    /** A valid request along `route`, with choices drawn from `pick` (numbers from 0 to 1). */
    function requestAlong(of: DecisionTree, at: Money, route: ReturnType<typeof routes>[number], pick: () => number): OpenDisputeRequest {
      const reached = outcomeOf(of, route.outcomeId) as OutcomeNode;
      const between = (min: number, max: number): number => min + Math.floor(pick() * (max - min + 1));
      const { required, minLength, maxLength } = reached.description;
      const length = required || pick() < 0.7 ? between(Math.max(minLength, 1), maxLength) : 0;
      const photoCount = between(reached.photos.min, reached.photos.max);
      const offered = reached.toSupport === true ? [] : reached.resolutions.filter((o) => priceable(o, at));
      const chosen = offered.filter(() => pick() < 0.6);
      if (offered.length > 0 && chosen.length === 0) chosen.push(offered[between(0, offered.length - 1)] as ResolutionOption);
      const proposals = chosen.map((option): Resolution => {
        if (option.type === 'partial_refund') {
          const { min, max } = concreteBounds(option.bounds, at);
          return { type: 'partial_refund', amount: { amount: between(min.amount, max.amount), currency: at.currency } };
        }
        return option.type === 'return_and_refund'
          ? { type: 'return_and_refund', returnShippingPaidBy: option.returnShippingPaidBy, shipWithinDays: option.shipWithinDays }
          : { type: option.type };
      });
      return {
        orderId: 'ord_1',
        treeId: of.id,
        treeVersion: of.version,
        path: route.path,
        outcomeId: route.outcomeId,
        // Padded with white space, which does not count.
        description: ` ${'d'.repeat(length)}\n`,
        photoIds: Array.from({ length: photoCount }, (_, n) => `ph_${n + 1}`),
        proposals: proposals.sort(() => pick() - 0.5),
      };
    }

    const prices = fc.oneof(
      fc.integer({ min: 0, max: 10 ** 9 }).map((amount): Money => ({ amount, currency: 'EUR' })),
      fc.integer({ min: 0, max: 10 ** 9 }).map((amount): Money => ({ amount, currency: 'JPY' })),
      fc.integer({ min: 0, max: 10 ** 9 }).map((amount): Money => ({ amount, currency: 'KWD' })),
    );
    const picks = fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }));

    for (const [name, of] of [['physical goods', physicalGoodsTree], ['services', servicesTree]] as const) {
      it(`passes for every outcome of the ${name} tree`, () => {
        const all = routes(of);
        expect(new Set(all.map((r) => r.outcomeId)).size).to.equal(
          Object.keys(of.nodes).filter((id) => outcomeOf(of, id) !== undefined).length,
        );
        fc.assert(
          fc.property(prices, picks, (at, stream) => {
            const next = (): number => stream.next().value as number;
            for (const route of all) {
              const request = requestAlong(of, at, route, next);
              expect(OpenDisputeRequest.safeParse(request).success, route.outcomeId).to.equal(true);
              expect(checkOpening(of, at, request), route.outcomeId).to.deep.equal([]);
            }
          }),
          { numRuns: 50 },
        );
      });
    }

    it('passes for every outcome of any valid tree, in its absolute bounds\' currency or another', () => {
      fc.assert(
        fc.property(validTreeArbitrary({ maxNodes: 8 }), prices, picks, (of, at, stream) => {
          const next = (): number => stream.next().value as number;
          for (const route of routes(of).slice(0, 20)) {
            // Only a partial refund bounded in another currency is offered: no request can open it.
            const reached = outcomeOf(of, route.outcomeId) as OutcomeNode;
            if (reached.toSupport !== true && !reached.resolutions.some((o) => priceable(o, at))) continue;
            const request = requestAlong(of, at, route, next);
            expect(checkOpening(of, at, request), route.outcomeId).to.deep.equal([]);
          }
        }),
        { numRuns: 100 },
      );
    });

    it('never throws on a well-formed request, whatever its content', () => {
      const ids = fc.constantFrom('start', 'broken', 'missing', 'not-received', 'late', 'lost', 'damaged', 'constructor', 'x');
      const resolution: fc.Arbitrary<Resolution> = fc.oneof(
        fc.record({ type: fc.constant('partial_refund' as const), amount: fc.record({ amount: fc.nat(), currency: fc.constantFrom('EUR', 'USD') }) }),
        fc.constantFrom<Resolution>({ type: 'full_refund' }, { type: 'replacement' }, { type: 'no_refund' }),
        fc.record({
          type: fc.constant('return_and_refund' as const),
          returnShippingPaidBy: fc.constantFrom('buyer' as const, 'seller' as const),
          shipWithinDays: fc.integer({ min: 1, max: 90 }),
        }),
      );
      const requests = fc.record({
        orderId: fc.constant('ord_1'),
        treeId: fc.constantFrom(tree.id, 'other'),
        treeVersion: fc.constantFrom(tree.version, 1),
        path: fc.array(fc.record({ nodeId: ids, optionId: ids }), { maxLength: 4 }),
        outcomeId: ids,
        description: fc.string({ maxLength: 60 }),
        photoIds: fc.array(fc.constantFrom('ph_1', 'ph_2', 'ph_3'), { maxLength: 8 }),
        proposals: fc.array(resolution, { maxLength: 5 }),
      });
      fc.assert(
        fc.property(requests, (request) => {
          for (const found of checkOpening(tree, price, request)) expect(found.path).to.match(/^\$/);
        }),
        { numRuns: 300 },
      );
    });
  });
});

/** The corpus tree with outcome `id` replaced. */
function treeWith(id: string, change: (node: OutcomeNode) => OutcomeNode): DecisionTree {
  const tree = baseTree();
  tree.nodes[id] = change(outcome(tree, id));
  return tree;
}
