/**
 * Invalid decision trees for `validateTree`: a small valid tree and, per case, one targeted change
 * and the exact faults (code and path, in order) it must produce.
 */
import type { DecisionTree, OutcomeNode, QuestionNode, TreeNode } from './decision-tree.js';
import type { LocalizedText } from './localized-text.js';
import type { TreeFaultCode } from './tree-validation.js';

/** A valid tree touching every feature: shared nodes, both bound units, support, extra locales. */
export function baseTree(): DecisionTree {
  return {
    id: 'delivery-problems',
    version: 3,
    fallbackLocale: 'en',
    root: 'start',
    nodes: {
      start: {
        kind: 'question',
        prompt: { en: 'What went wrong?', nl: 'Wat ging er mis?' },
        help: { en: 'Pick the answer closest to what happened.' },
        options: [
          { id: 'missing', label: { en: 'It did not arrive', nl: 'Het is niet aangekomen' }, next: 'not-received' },
          { id: 'broken', label: { en: 'It arrived damaged', nl: 'Het kwam beschadigd aan' }, next: 'damaged' },
          { id: 'fake', label: { en: 'It is not genuine', nl: 'Het is niet echt' }, next: 'counterfeit' },
        ],
      },
      'not-received': {
        kind: 'question',
        prompt: { en: 'What does the tracking say?', nl: 'Wat zegt de track-and-trace?' },
        options: [
          { id: 'says-delivered', label: { en: 'Delivered', nl: 'Bezorgd' }, next: 'lost' },
          { id: 'no-update', label: { en: 'No update for a week', nl: 'Al een week niets' }, next: 'lost' },
          { id: 'late', label: { en: 'It came, but late', nl: 'Het kwam, maar te laat' }, next: 'late' },
        ],
      },
      lost: {
        kind: 'outcome',
        title: { en: 'The parcel is lost' },
        description: { required: true, minLength: 20, maxLength: 2000 },
        photos: { min: 0, max: 3 },
        resolutions: [{ type: 'full_refund' }],
        counterOffer: false,
        deadline: { sellerHours: 48, buyerHours: 48, onLapse: 'accept_first_proposal' },
      },
      late: {
        kind: 'outcome',
        title: { en: 'It arrived late' },
        description: { required: false, minLength: 0, maxLength: 1000 },
        photos: { min: 0, max: 0 },
        resolutions: [{ type: 'partial_refund', bounds: { unit: 'amount', currency: 'EUR', min: 0, max: 1500, suggested: 500 } }],
        counterOffer: true,
        deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
      },
      damaged: {
        kind: 'outcome',
        title: { en: 'It arrived damaged', nl: 'Het kwam beschadigd aan' },
        guidance: { en: 'Say what is damaged and whether it still works.' },
        description: { required: true, minLength: 30, maxLength: 2000 },
        photos: { min: 1, max: 6 },
        resolutions: [
          { type: 'partial_refund', bounds: { unit: 'percent', min: 10, max: 50, suggested: 30 } },
          { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
          { type: 'replacement' },
        ],
        counterOffer: true,
        deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
      },
      counterfeit: {
        kind: 'outcome',
        title: { en: 'It is counterfeit' },
        description: { required: true, minLength: 50, maxLength: 4000 },
        photos: { min: 1, max: 10 },
        resolutions: [],
        toSupport: true,
        counterOffer: false,
        deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
      },
    },
  };
}

export interface ExpectedFault {
  readonly code: TreeFaultCode;
  readonly path: string;
}

export interface CorpusCase {
  /** What the change breaks. */
  readonly name: string;
  /** Breaks a fresh copy of `baseTree()`. */
  readonly change: (tree: DecisionTree) => void;
  readonly faults: readonly ExpectedFault[];
}

export function question(tree: DecisionTree, id: string): QuestionNode {
  const node = tree.nodes[id];
  if (node?.kind !== 'question') throw new Error(`${id} is not a question of the base tree`);
  return node;
}

export function outcome(tree: DecisionTree, id: string): OutcomeNode {
  const node = tree.nodes[id];
  if (node?.kind !== 'outcome') throw new Error(`${id} is not an outcome of the base tree`);
  return node;
}

/** The same object, open to changes its type forbids (for shape faults). */
function loose(value: object): Record<string, unknown> {
  return value as Record<string, unknown>;
}

export function option(tree: DecisionTree, questionId: string, index: number): QuestionNode['options'][number] {
  const found = question(tree, questionId).options[index];
  if (found === undefined) throw new Error(`${questionId} has no option ${index}`);
  return found;
}

export function percentBounds(tree: DecisionTree): { min: number; max: number; suggested: number } {
  const refund = outcome(tree, 'damaged').resolutions[0];
  if (refund?.type !== 'partial_refund' || refund.bounds.unit !== 'percent') throw new Error('damaged lost its percent refund');
  return refund.bounds;
}

export function amountBounds(tree: DecisionTree): { min: number; max: number; suggested: number; currency: string } {
  const refund = outcome(tree, 'late').resolutions[0];
  if (refund?.type !== 'partial_refund' || refund.bounds.unit !== 'amount') throw new Error('late lost its amount refund');
  return refund.bounds;
}

/** Renames locale `from` to `to` in every text of `tree` (keeping the order of the other locales). */
export function renameLocale(tree: DecisionTree, from: string, to: string): void {
  const rename = (text: LocalizedText): LocalizedText =>
    Object.fromEntries(Object.entries(text).map(([locale, value]) => [locale === from ? to : locale, value]));
  for (const node of Object.values(tree.nodes)) {
    if (node.kind === 'question') {
      node.prompt = rename(node.prompt);
      if (node.help) node.help = rename(node.help);
      for (const each of node.options) each.label = rename(each.label);
    } else {
      node.title = rename(node.title);
      if (node.guidance) node.guidance = rename(node.guidance);
    }
  }
}

function loopQuestion(next: string): TreeNode {
  return { kind: 'question', prompt: { en: 'Which one?' }, options: [{ id: 'on', label: { en: 'On' }, next }] };
}

const DAMAGED_BOUNDS = '$.nodes.damaged.resolutions[0].bounds';
const LATE_BOUNDS = '$.nodes.late.resolutions[0].bounds';

export const invalidTrees: readonly CorpusCase[] = [
  // ---- references, loops, reachability
  {
    name: 'the root names a node that does not exist',
    change: (tree) => { tree.root = 'begin'; },
    // Reachability is not judged from a root that does not exist.
    faults: [{ code: 'unknown_node', path: '$.root' }],
  },
  {
    name: 'an option leads to a node that does not exist, leaving its old target unreachable',
    change: (tree) => { option(tree, 'start', 2).next = 'counterfit'; },
    faults: [
      { code: 'unknown_node', path: '$.nodes.start.options[2].next' },
      { code: 'unreachable_node', path: '$.nodes.counterfeit' },
    ],
  },
  {
    name: 'an option leads to a node that does not exist while its old target stays reachable',
    change: (tree) => { option(tree, 'not-received', 1).next = 'gone'; },
    faults: [{ code: 'unknown_node', path: "$.nodes['not-received'].options[1].next" }],
  },
  {
    name: 'an option leads to a name only the object prototype has',
    change: (tree) => { option(tree, 'not-received', 0).next = 'constructor'; },
    faults: [{ code: 'unknown_node', path: "$.nodes['not-received'].options[0].next" }],
  },
  {
    name: 'an option leads back to the root',
    change: (tree) => { option(tree, 'not-received', 1).next = 'start'; },
    faults: [{ code: 'cycle', path: "$.nodes['not-received'].options[1].next" }],
  },
  {
    name: 'an option leads to its own question',
    change: (tree) => { option(tree, 'not-received', 2).next = 'not-received'; },
    faults: [
      { code: 'cycle', path: "$.nodes['not-received'].options[2].next" },
      { code: 'unreachable_node', path: '$.nodes.late' },
    ],
  },
  {
    name: 'two questions lead to each other',
    change: (tree) => {
      option(tree, 'not-received', 2).next = 'clarify';
      tree.nodes['clarify'] = {
        kind: 'question',
        prompt: { en: 'When did it come?' },
        options: [
          { id: 'back', label: { en: 'Start over' }, next: 'not-received' },
          { id: 'later', label: { en: 'A week late' }, next: 'late' },
        ],
      };
    },
    faults: [{ code: 'cycle', path: '$.nodes.clarify.options[0].next' }],
  },
  {
    name: 'a loop among nodes that no way from the root reaches',
    change: (tree) => {
      tree.nodes['loop-a'] = loopQuestion('loop-b');
      tree.nodes['loop-b'] = loopQuestion('loop-a');
    },
    faults: [
      { code: 'cycle', path: "$.nodes['loop-b'].options[0].next" },
      { code: 'unreachable_node', path: "$.nodes['loop-a']" },
      { code: 'unreachable_node', path: "$.nodes['loop-b']" },
    ],
  },
  {
    name: 'an outcome no option leads to',
    change: (tree) => { tree.nodes['orphan'] = outcome(tree, 'lost'); },
    faults: [{ code: 'unreachable_node', path: '$.nodes.orphan' }],
  },
  // ---- what an outcome offers
  {
    name: 'an outcome offers no resolution and does not go to support',
    change: (tree) => { outcome(tree, 'lost').resolutions = []; },
    faults: [{ code: 'offers_nothing', path: '$.nodes.lost.resolutions' }],
  },
  {
    name: 'an outcome offers no resolution and says explicitly that it does not go to support',
    change: (tree) => {
      outcome(tree, 'lost').resolutions = [];
      outcome(tree, 'lost').toSupport = false;
    },
    faults: [{ code: 'offers_nothing', path: '$.nodes.lost.resolutions' }],
  },
  {
    name: 'an outcome goes straight to support yet offers a full refund',
    change: (tree) => { outcome(tree, 'counterfeit').resolutions = [{ type: 'full_refund' }]; },
    faults: [{ code: 'support_with_resolutions', path: '$.nodes.counterfeit.resolutions' }],
  },
  {
    name: 'an outcome offers a replacement twice',
    change: (tree) => { outcome(tree, 'damaged').resolutions.push({ type: 'replacement' }); },
    faults: [{ code: 'duplicate_resolution', path: '$.nodes.damaged.resolutions[3]' }],
  },
  {
    name: 'an outcome offers two partial refunds with different bounds',
    change: (tree) => {
      outcome(tree, 'lost').resolutions.push(
        { type: 'partial_refund', bounds: { unit: 'percent', min: 0, max: 20, suggested: 10 } },
        { type: 'partial_refund', bounds: { unit: 'percent', min: 20, max: 40, suggested: 30 } },
      );
    },
    faults: [{ code: 'duplicate_resolution', path: '$.nodes.lost.resolutions[2]' }],
  },
  {
    name: 'a question has two options with the same id',
    change: (tree) => { option(tree, 'start', 2).id = 'broken'; },
    faults: [{ code: 'duplicate_option', path: '$.nodes.start.options[2].id' }],
  },
  // ---- limits and refund bounds
  {
    name: 'a percent refund min above its max (the suggestion is not judged then)',
    change: (tree) => { percentBounds(tree).min = 60; },
    faults: [{ code: 'min_above_max', path: `${DAMAGED_BOUNDS}.min` }],
  },
  {
    name: 'an amount refund min above its max',
    change: (tree) => { amountBounds(tree).min = 2000; },
    faults: [{ code: 'min_above_max', path: `${LATE_BOUNDS}.min` }],
  },
  {
    name: 'a percent refund max above 100',
    change: (tree) => { percentBounds(tree).max = 150; },
    faults: [{ code: 'percent_above_100', path: `${DAMAGED_BOUNDS}.max` }],
  },
  {
    name: 'every percent refund bound above 100',
    change: (tree) => Object.assign(percentBounds(tree), { min: 110, max: 130, suggested: 120 }),
    faults: [
      { code: 'percent_above_100', path: `${DAMAGED_BOUNDS}.min` },
      { code: 'percent_above_100', path: `${DAMAGED_BOUNDS}.max` },
      { code: 'percent_above_100', path: `${DAMAGED_BOUNDS}.suggested` },
    ],
  },
  {
    name: 'a percent refund suggestion with three decimals',
    change: (tree) => { percentBounds(tree).suggested = 33.333; },
    faults: [{ code: 'percent_too_precise', path: `${DAMAGED_BOUNDS}.suggested` }],
  },
  {
    name: 'a suggested percent refund below the min',
    change: (tree) => { percentBounds(tree).suggested = 5; },
    faults: [{ code: 'suggested_out_of_bounds', path: `${DAMAGED_BOUNDS}.suggested` }],
  },
  {
    name: 'a suggested amount refund above the max',
    change: (tree) => { amountBounds(tree).suggested = 2000; },
    faults: [{ code: 'suggested_out_of_bounds', path: `${LATE_BOUNDS}.suggested` }],
  },
  {
    name: 'a description min length above its max length',
    change: (tree) => { outcome(tree, 'lost').description.minLength = 3000; },
    faults: [{ code: 'min_above_max', path: '$.nodes.lost.description.minLength' }],
  },
  {
    name: 'a photo min above the photo max',
    change: (tree) => { outcome(tree, 'damaged').photos.min = 7; },
    faults: [{ code: 'min_above_max', path: '$.nodes.damaged.photos.min' }],
  },
  // ---- texts
  {
    name: 'a question prompt without the fallback locale',
    change: (tree) => { question(tree, 'start').prompt = { nl: 'Wat ging er mis?' }; },
    faults: [{ code: 'missing_fallback_text', path: '$.nodes.start.prompt' }],
  },
  {
    name: 'a question help without the fallback locale',
    change: (tree) => { question(tree, 'start').help = { nl: 'Kies het beste antwoord.' }; },
    faults: [{ code: 'missing_fallback_text', path: '$.nodes.start.help' }],
  },
  {
    name: 'an option label without the fallback locale',
    change: (tree) => { option(tree, 'not-received', 1).label = { nl: 'Al een week niets' }; },
    faults: [{ code: 'missing_fallback_text', path: "$.nodes['not-received'].options[1].label" }],
  },
  {
    name: 'an outcome title without the fallback locale',
    change: (tree) => { outcome(tree, 'lost').title = { de: 'Das Paket ist verloren' }; },
    faults: [{ code: 'missing_fallback_text', path: '$.nodes.lost.title' }],
  },
  {
    name: 'an outcome guidance without the fallback locale',
    change: (tree) => { outcome(tree, 'damaged').guidance = { nl: 'Wat is er kapot?' }; },
    faults: [{ code: 'missing_fallback_text', path: '$.nodes.damaged.guidance' }],
  },
  {
    name: 'a fallback locale that several texts lack, reported in node order',
    change: (tree) => { tree.fallbackLocale = 'nl'; },
    faults: [
      { code: 'missing_fallback_text', path: '$.nodes.start.help' },
      { code: 'missing_fallback_text', path: '$.nodes.lost.title' },
      { code: 'missing_fallback_text', path: '$.nodes.late.title' },
      { code: 'missing_fallback_text', path: '$.nodes.damaged.guidance' },
      { code: 'missing_fallback_text', path: '$.nodes.counterfeit.title' },
    ],
  },
  {
    name: 'an outcome title with no text in any locale',
    change: (tree) => { outcome(tree, 'lost').title = {}; },
    faults: [{ code: 'missing_fallback_text', path: '$.nodes.lost.title' }],
  },
  {
    name: 'a regional fallback locale that a text has only as its bare language',
    change: (tree) => {
      tree.fallbackLocale = 'en-GB';
      renameLocale(tree, 'en', 'en-gb');
      question(tree, 'start').prompt = { en: 'What went wrong?' };
    },
    faults: [{ code: 'missing_fallback_text', path: '$.nodes.start.prompt' }],
  },
  {
    name: 'an option label that is only white space in one locale',
    change: (tree) => { option(tree, 'start', 0).label['nl'] = '   '; },
    faults: [{ code: 'blank_text', path: '$.nodes.start.options[0].label.nl' }],
  },
  {
    name: 'an outcome title that is only white space in the fallback locale',
    change: (tree) => { outcome(tree, 'lost').title = { en: '\t\n' }; },
    faults: [{ code: 'blank_text', path: '$.nodes.lost.title.en' }],
  },
  // ---- several at once
  {
    name: 'several faults at once, in the documented order',
    change: (tree) => {
      outcome(tree, 'damaged').photos.min = 9;
      question(tree, 'start').prompt = { nl: 'Wat ging er mis?' };
      tree.nodes['orphan'] = outcome(tree, 'lost');
      option(tree, 'not-received', 1).next = 'nowhere';
    },
    faults: [
      { code: 'unknown_node', path: "$.nodes['not-received'].options[1].next" },
      { code: 'unreachable_node', path: '$.nodes.orphan' },
      { code: 'missing_fallback_text', path: '$.nodes.start.prompt' },
      { code: 'min_above_max', path: '$.nodes.damaged.photos.min' },
    ],
  },
  // ---- shape
  {
    name: 'a node kind misspelled',
    change: (tree) => { loose(question(tree, 'start')).kind = 'questoin'; },
    faults: [{ code: 'shape', path: '$.nodes.start.kind' }],
  },
  {
    name: 'an optional key misspelt, which would otherwise be silently ignored',
    change: (tree) => { loose(outcome(tree, 'lost')).toSuport = true; },
    faults: [{ code: 'shape', path: '$.nodes.lost' }],
  },
  {
    name: 'a version of zero',
    change: (tree) => { tree.version = 0; },
    faults: [{ code: 'shape', path: '$.version' }],
  },
  {
    name: 'a node id with a space',
    change: (tree) => { tree.nodes['not received'] = outcome(tree, 'lost'); },
    faults: [{ code: 'shape', path: "$.nodes['not received']" }],
  },
  {
    name: 'an outcome without a deadline',
    change: (tree) => { delete loose(outcome(tree, 'lost')).deadline; },
    faults: [{ code: 'shape', path: '$.nodes.lost.deadline' }],
  },
  {
    name: 'a negative percent refund bound',
    change: (tree) => { percentBounds(tree).min = -5; },
    faults: [{ code: 'shape', path: `${DAMAGED_BOUNDS}.min` }],
  },
  {
    name: 'an amount refund bound in a currency that does not exist',
    change: (tree) => { amountBounds(tree).currency = 'EUE'; },
    faults: [{ code: 'shape', path: `${LATE_BOUNDS}.currency` }],
  },
  {
    name: 'a resolution type the protocol does not know',
    change: (tree) => { (outcome(tree, 'damaged').resolutions as unknown[])[2] = { type: 'store_credit' }; },
    faults: [{ code: 'shape', path: '$.nodes.damaged.resolutions[2].type' }],
  },
  {
    name: 'an empty text',
    change: (tree) => { question(tree, 'start').prompt['nl'] = ''; },
    faults: [{ code: 'shape', path: '$.nodes.start.prompt.nl' }],
  },
  {
    name: 'a text keyed by something that is not a locale tag',
    change: (tree) => { question(tree, 'start').prompt['EN'] = 'What went wrong?'; },
    faults: [{ code: 'shape', path: '$.nodes.start.prompt.EN' }],
  },
  {
    name: 'a question without options',
    change: (tree) => { question(tree, 'not-received').options = []; },
    faults: [{ code: 'shape', path: "$.nodes['not-received'].options" }],
  },
  {
    name: 'more photos than the protocol allows',
    change: (tree) => { outcome(tree, 'lost').photos.max = 21; },
    faults: [{ code: 'shape', path: '$.nodes.lost.photos.max' }],
  },
  {
    name: 'several shape faults, all reported in schema order',
    change: (tree) => {
      outcome(tree, 'lost').photos.max = 21;
      loose(tree).version = '3';
    },
    faults: [
      { code: 'shape', path: '$.version' },
      { code: 'shape', path: '$.nodes.lost.photos.max' },
    ],
  },
  {
    name: 'a shape fault, which hides the meaning faults until it is fixed',
    change: (tree) => {
      tree.version = 0;
      option(tree, 'not-received', 1).next = 'nowhere';
    },
    faults: [{ code: 'shape', path: '$.version' }],
  },
];
