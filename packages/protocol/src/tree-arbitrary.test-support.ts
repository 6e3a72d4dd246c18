/**
 * fast-check arbitraries for decision trees that `validateTree` accepts, for property tests in any
 * package. Test support only: not part of the package's public index nor of its build.
 */
import fc from 'fast-check';
import type {
  DecisionTree,
  OutcomeNode,
  QuestionNode,
  RefundBounds,
  ResolutionOption,
  ResolutionType,
  TreeNode,
} from './decision-tree.js';
import type { LocalizedText } from './localized-text.js';

/** Node and option ids, including ones an object's prototype also has and ones that look like numbers. */
export const nodeIdArbitrary: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,11}$/), weight: 8 },
  { arbitrary: fc.constantFrom('constructor', 'toString', 'hasOwnProperty', '0', '42', 'not-received'), weight: 1 },
);

/** BCP 47 locale tags such as `en`, `nl-BE`, `sr-Latn-RS`. */
export const localeArbitrary: fc.Arbitrary<string> = fc.stringMatching(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/);

const textValue = fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }).filter((text) => text.trim() !== '');

/** Text in the fallback locale (always) and in any of the other locales. */
function localizedText(fallback: string, others: readonly string[]): fc.Arbitrary<LocalizedText> {
  return fc
    .subarray([...others])
    .chain((locales) => fc.tuple(...[fallback, ...locales].map((locale) => textValue.map((text) => [locale, text] as const))))
    .map((entries) => Object.fromEntries(entries));
}

/** Two integers from `min` to `max`, the lower one first. */
function orderedPair(min: number, max: number): fc.Arbitrary<[number, number]> {
  return fc
    .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
    .map(([a, b]) => (a <= b ? [a, b] : [b, a]));
}

/** Three integers from `min` to `max`, sorted: min, suggested, max. */
function orderedTriple(min: number, max: number): fc.Arbitrary<[number, number, number]> {
  return fc
    .tuple(fc.integer({ min, max }), fc.integer({ min, max }), fc.integer({ min, max }))
    .map((values) => values.sort((a, b) => a - b));
}

const refundBounds: fc.Arbitrary<RefundBounds> = fc.oneof(
  // Hundredths of a percent, so at most two decimals.
  orderedTriple(0, 10_000).map(([min, suggested, max]): RefundBounds => ({
    unit: 'percent',
    min: min / 100,
    max: max / 100,
    suggested: suggested / 100,
  })),
  fc
    .tuple(fc.constantFrom('EUR', 'USD', 'GBP', 'JPY', 'KWD', 'CHF'), orderedTriple(0, 10_000_000))
    .map(([currency, [min, suggested, max]]): RefundBounds => ({ unit: 'amount', currency, min, max, suggested })),
);

function resolutionOption(type: ResolutionType): fc.Arbitrary<ResolutionOption> {
  switch (type) {
    case 'partial_refund':
      return refundBounds.map((bounds) => ({ type, bounds }));
    case 'return_and_refund':
      return fc
        .record({ returnShippingPaidBy: fc.constantFrom('buyer', 'seller'), shipWithinDays: fc.integer({ min: 1, max: 90 }) })
        .map((terms) => ({ type, ...terms }));
    default:
      return fc.constant({ type });
  }
}

const RESOLUTION_TYPES: ResolutionType[] = ['partial_refund', 'full_refund', 'return_and_refund', 'replacement'];

const toSupport = fc.constant(true).map((yes) => ({ toSupport: yes, resolutions: [] }));

const someResolutions = fc
  .tuple(
    fc.shuffledSubarray(RESOLUTION_TYPES, { minLength: 1 }).chain((types) => fc.tuple(...types.map(resolutionOption))),
    fc.constantFrom<false | undefined>(false, undefined),
  )
  .map(([resolutions, support]) => (support === undefined ? { resolutions } : { resolutions, toSupport: support }));

/** Mostly one to four distinct resolutions, sometimes straight to support with nothing to propose. */
const offer: fc.Arbitrary<Pick<OutcomeNode, 'resolutions' | 'toSupport'>> = fc.oneof(
  { arbitrary: someResolutions, weight: 3 },
  // Mapped rather than constant so that every tree gets its own array.
  { arbitrary: toSupport, weight: 1 },
);

function outcomeNode(fallback: string, others: readonly string[]): fc.Arbitrary<OutcomeNode> {
  const text = localizedText(fallback, others);
  return fc
    .record({
      title: text,
      guidance: fc.option(text, { nil: undefined }),
      required: fc.boolean(),
      lengths: orderedPair(0, 10_000),
      photos: orderedPair(0, 20),
      offer,
      counterOffer: fc.boolean(),
      deadline: fc.record({
        sellerHours: fc.integer({ min: 1, max: 24 * 60 }),
        buyerHours: fc.integer({ min: 1, max: 24 * 60 }),
        onLapse: fc.constantFrom('escalate', 'accept_first_proposal'),
      }),
    })
    .map(({ title, guidance, required, lengths: [minLength, maxLength], photos: [min, max], offer, counterOffer, deadline }) => ({
      kind: 'outcome',
      title,
      ...(guidance === undefined ? {} : { guidance }),
      description: { required, minLength, maxLength: Math.max(maxLength, 1) },
      photos: { min, max },
      ...offer,
      counterOffer,
      deadline,
    }));
}

function questionNode(targets: readonly string[], fallback: string, others: readonly string[]): fc.Arbitrary<QuestionNode> {
  const text = localizedText(fallback, others);
  return fc
    .record({
      prompt: text,
      help: fc.option(text, { nil: undefined }),
      optionIds: fc.uniqueArray(nodeIdArbitrary, { minLength: targets.length, maxLength: targets.length }),
      labels: fc.tuple(...targets.map(() => text)),
    })
    .map(({ prompt, help, optionIds, labels }) => ({
      kind: 'question',
      prompt,
      ...(help === undefined ? {} : { help }),
      options: targets.map((next, index) => ({ id: optionIds[index] as string, label: labels[index] as LocalizedText, next })),
    }));
}

/**
 * Which node each question leads to, by index. Node 0 is the root; every other node gets one
 * parent with a smaller index (so every node is reachable) plus a few extra options towards larger
 * indexes (so nodes are shared, yet there is never a loop). Nodes without children are outcomes.
 */
function edges(nodeCount: number, parents: readonly number[], extras: readonly (readonly [number, number])[]): number[][] {
  const children: number[][] = Array.from({ length: nodeCount }, () => []);
  for (let child = 1; child < nodeCount; child++) children[(parents[child - 1] ?? 0) % child]?.push(child);
  for (const [from, to] of extras) {
    const node = from % nodeCount;
    const later = nodeCount - node - 1;
    const own = children[node];
    if (own !== undefined && own.length > 0 && later > 0) own.push(node + 1 + (to % later));
  }
  return children;
}

/** Size limits of the generated trees. */
export interface TreeArbitraryConstraints {
  /** Most nodes in one tree (at least 1); 12 by default. */
  readonly maxNodes?: number;
}

/**
 * Random decision trees that are valid: questions of random depth and branching whose options
 * lead to later nodes (a tree with shared nodes, never a loop), outcomes with random valid
 * description and photo rules, distinct resolutions with ordered bounds (or straight to support),
 * and every text in the fallback locale plus any of a few others.
 */
export function validTreeArbitrary(constraints: TreeArbitraryConstraints = {}): fc.Arbitrary<DecisionTree> {
  const maxNodes = Math.max(1, constraints.maxNodes ?? 12);
  return fc
    .record({
      ids: fc.uniqueArray(nodeIdArbitrary, { minLength: 1, maxLength: maxNodes }),
      parents: fc.array(fc.nat(), { minLength: maxNodes - 1, maxLength: maxNodes - 1 }),
      extras: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: maxNodes }),
      locales: fc.uniqueArray(localeArbitrary, { minLength: 1, maxLength: 4 }),
      treeId: nodeIdArbitrary,
      version: fc.integer({ min: 1, max: 1000 }),
    })
    .chain(({ ids, parents, extras, locales: [fallback = 'en', ...others], treeId, version }) => {
      const nodeArbitraries = edges(ids.length, parents, extras).map((children): fc.Arbitrary<TreeNode> =>
        children.length === 0
          ? outcomeNode(fallback, others)
          : questionNode(children.map((index) => ids[index] as string), fallback, others),
      );
      return fc.tuple(...nodeArbitraries).map(
        (nodes): DecisionTree => ({
          id: treeId,
          version,
          fallbackLocale: fallback,
          root: ids[0] as string,
          nodes: Object.fromEntries(nodes.map((node, index) => [ids[index] as string, node])),
        }),
      );
    });
}
