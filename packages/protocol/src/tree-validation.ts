import { DecisionTree, type OutcomeNode, type QuestionNode, type RefundBounds } from './decision-tree.js';
import { localeKeyOf, type LocalizedText } from './localized-text.js';
import { hasAtMostTwoDecimals, toDecimalString } from './money.js';
import { alternatives, formatJsonPath, parseWithFaults, quote, type ShapeFault } from './schema-faults.js';

/**
 * What is wrong with a decision tree.
 *
 * - `shape`: the JSON does not match the `DecisionTree` schema (wrong type, missing field, bad id...).
 * - `unknown_node`: the root or an option's `next` names a node the tree does not have.
 * - `cycle`: an option leads back to a node already on the way to it, so the buyer could go round forever.
 * - `unreachable_node`: no way from the root leads to the node.
 * - `offers_nothing`: an outcome neither offers a resolution nor goes to support.
 * - `support_with_resolutions`: an outcome goes straight to support yet lists resolutions.
 * - `duplicate_resolution`: an outcome offers the same resolution type twice.
 * - `duplicate_option`: a question has two options with the same id.
 * - `min_above_max`: a lower limit (refund, description length, photo count) is above its upper limit.
 * - `percent_above_100`: a percentage refund bound is above 100 %.
 * - `percent_too_precise`: a percentage refund bound has more than two decimals, which money arithmetic
 *   would silently round.
 * - `suggested_out_of_bounds`: the suggested refund lies outside its min..max.
 * - `missing_fallback_text`: a text lacks the tree's `fallbackLocale` (compared without regard to case, as
 *   `localize` does), so some buyers would see nothing.
 * - `blank_text`: a text is only white space, so the buyer would see an empty prompt or button.
 */
export type TreeFaultCode =
  | 'shape'
  | 'unknown_node'
  | 'cycle'
  | 'unreachable_node'
  | 'offers_nothing'
  | 'support_with_resolutions'
  | 'duplicate_resolution'
  | 'duplicate_option'
  | 'min_above_max'
  | 'percent_above_100'
  | 'percent_too_precise'
  | 'suggested_out_of_bounds'
  | 'missing_fallback_text'
  | 'blank_text';

/** One fault of a decision tree: its kind, where it is (a JSON path from `$`) and what is wrong, in English. */
export interface TreeFault {
  code: TreeFaultCode;
  path: string;
  message: string;
}

/** The result of `validateTree`: the parsed tree, or every fault found. */
export type TreeValidation = { ok: true; tree: DecisionTree } | { ok: false; faults: TreeFault[] };

type Segments = readonly (string | number)[];

/**
 * Validates a decision tree as a host configures it. First the shape (the `DecisionTree` schema):
 * every mismatch becomes a `shape` fault. Only a well-shaped tree is then checked for meaning, and
 * every fault is reported, in this order: unknown node references (root, then options in node
 * order), cycles, unreachable nodes, then each node's own faults in node order, field by field.
 * Never throws, whatever `input` is. The tree returned is the schema's output: members the
 * schema does not know are left out.
 */
export function validateTree(input: unknown): TreeValidation {
  const parsed = parseWithFaults(DecisionTree, input);
  if (!parsed.ok) return { ok: false, faults: parsed.faults.map(shapeFault) };
  const tree = parsed.value;
  const faults = [
    ...referenceFaults(tree),
    ...cycleFaults(tree),
    ...unreachableFaults(tree),
    ...Object.entries(tree.nodes).flatMap(([id, node]) =>
      node.kind === 'question' ? questionFaults(tree, id, node) : outcomeFaults(tree, id, node),
    ),
  ];
  return faults.length === 0 ? { ok: true, tree } : { ok: false, faults };
}

function fault(code: TreeFaultCode, segments: Segments, message: string): TreeFault {
  return { code, path: formatJsonPath(segments), message };
}

// `nodes` is a plain object: "constructor" or "toString" must not be found on its prototype.
function hasNode(tree: DecisionTree, id: string): boolean {
  return Object.hasOwn(tree.nodes, id);
}

function optionsOf(tree: DecisionTree, id: string): QuestionNode['options'] {
  const node = hasNode(tree, id) ? tree.nodes[id] : undefined;
  return node?.kind === 'question' ? node.options : [];
}

// ---- shape -------------------------------------------------------------------------------------

function shapeFault(fault_: ShapeFault): TreeFault {
  return { code: 'shape', ...fault_ };
}

// ---- structure ---------------------------------------------------------------------------------

function referenceFaults(tree: DecisionTree): TreeFault[] {
  const faults: TreeFault[] = [];
  if (!hasNode(tree, tree.root)) {
    faults.push(fault('unknown_node', ['root'], `the root ${quote(tree.root)} is not a node of this tree`));
  }
  for (const id of Object.keys(tree.nodes)) {
    optionsOf(tree, id).forEach((option, index) => {
      if (hasNode(tree, option.next)) return;
      const message =
        `option ${quote(option.id)} of question ${quote(id)} leads to ${quote(option.next)}, ` +
        'which is not a node of this tree';
      faults.push(fault('unknown_node', ['nodes', id, 'options', index, 'next'], message));
    });
  }
  return faults;
}

interface Loop {
  readonly questionId: string;
  readonly optionIndex: number;
  readonly ids: readonly string[];
}

/**
 * One fault per option that closes a loop. The walk starts at the root, then at every node it has
 * not reached, so loops among unreachable nodes are reported too.
 */
function cycleFaults(tree: DecisionTree): TreeFault[] {
  const finished = new Set<string>();
  const loops: Loop[] = [];
  for (const start of [tree.root, ...Object.keys(tree.nodes)]) {
    if (hasNode(tree, start) && !finished.has(start)) loops.push(...loopsFrom(tree, start, finished));
  }
  return loops.map(({ questionId, optionIndex, ids }) =>
    fault(
      'cycle',
      ['nodes', questionId, 'options', optionIndex, 'next'],
      `option ${quote(optionsOf(tree, questionId)[optionIndex]?.id ?? '')} of question ${quote(questionId)} ` +
        `leads back to ${quote(ids[0] ?? '')}, a loop: ${ids.join(' → ')}`,
    ),
  );
}

/** Depth-first walk (without recursion, trees may be deep) collecting options that lead to a node on the current way. */
function loopsFrom(tree: DecisionTree, start: string, finished: Set<string>): Loop[] {
  const loops: Loop[] = [];
  const way: { id: string; nextOption: number }[] = [{ id: start, nextOption: 0 }];
  while (way.length > 0) {
    const step = way[way.length - 1] as { id: string; nextOption: number };
    const option = optionsOf(tree, step.id)[step.nextOption];
    if (option === undefined) {
      way.pop();
      finished.add(step.id);
      continue;
    }
    const optionIndex = step.nextOption++;
    const back = way.findIndex(({ id }) => id === option.next);
    if (back >= 0) {
      loops.push({ questionId: step.id, optionIndex, ids: [...way.slice(back).map(({ id }) => id), option.next] });
    } else if (hasNode(tree, option.next) && !finished.has(option.next)) {
      way.push({ id: option.next, nextOption: 0 });
    }
  }
  return loops;
}

/** Nodes no way from the root reaches; not judged when the root itself is unknown. */
function unreachableFaults(tree: DecisionTree): TreeFault[] {
  if (!hasNode(tree, tree.root)) return [];
  const reached = new Set<string>([tree.root]);
  const pending = [tree.root];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    for (const { next } of optionsOf(tree, id)) {
      if (hasNode(tree, next) && !reached.has(next)) {
        reached.add(next);
        pending.push(next);
      }
    }
  }
  return Object.keys(tree.nodes)
    .filter((id) => !reached.has(id))
    .map((id) => {
      const message = `node ${quote(id)} cannot be reached from the root ${quote(tree.root)}`;
      return fault('unreachable_node', ['nodes', id], message);
    });
}

// ---- nodes -------------------------------------------------------------------------------------

function questionFaults(tree: DecisionTree, id: string, question: QuestionNode): TreeFault[] {
  const at = ['nodes', id];
  const name = `question ${quote(id)}`;
  const seen = new Set<string>();
  const faults = [
    ...textFaults(tree, question.prompt, [...at, 'prompt'], `the prompt of ${name}`),
    ...(question.help ? textFaults(tree, question.help, [...at, 'help'], `the help of ${name}`) : []),
  ];
  question.options.forEach((option, index) => {
    const optionAt = [...at, 'options', index];
    if (seen.has(option.id)) {
      faults.push(fault('duplicate_option', [...optionAt, 'id'], `${name} has more than one option ${quote(option.id)}`));
    }
    seen.add(option.id);
    const label = `the label of option ${quote(option.id)} of ${name}`;
    faults.push(...textFaults(tree, option.label, [...optionAt, 'label'], label));
  });
  return faults;
}

function outcomeFaults(tree: DecisionTree, id: string, outcome: OutcomeNode): TreeFault[] {
  const at = ['nodes', id];
  const name = `outcome ${quote(id)}`;
  return [
    ...textFaults(tree, outcome.title, [...at, 'title'], `the title of ${name}`),
    ...(outcome.guidance ? textFaults(tree, outcome.guidance, [...at, 'guidance'], `the guidance of ${name}`) : []),
    ...limitFaults(outcome, at, name),
    ...offerFaults(outcome, [...at, 'resolutions'], name),
    ...resolutionFaults(outcome, [...at, 'resolutions'], name),
  ];
}

/** A text's faults: no text in the fallback locale, or a locale's text that is only white space. */
function textFaults(tree: DecisionTree, text: LocalizedText, at: Segments, what: string): TreeFault[] {
  const faults: TreeFault[] = [];
  const fallback = quote(tree.fallbackLocale);
  // Found as `localize` finds it: `en-gb` is the text of the fallback `en-GB`.
  if (localeKeyOf(text, tree.fallbackLocale) === undefined) {
    const locales = Object.keys(text);
    const has = locales.length === 0 ? 'no text in any locale' : locales.map(quote).join(', ');
    const message = `${what} has no ${fallback} text, the tree's fallback locale (it has ${has})`;
    faults.push(fault('missing_fallback_text', at, message));
  }
  for (const [locale, value] of Object.entries(text)) {
    if (value.trim() !== '') continue;
    faults.push(fault('blank_text', [...at, locale], `the ${quote(locale)} text of ${what} is blank`));
  }
  return faults;
}

function limitFaults({ description, photos }: OutcomeNode, at: Segments, name: string): TreeFault[] {
  const faults: TreeFault[] = [];
  if (description.minLength > description.maxLength) {
    const message =
      `${name} asks for a description of at least ${description.minLength} characters ` +
      `but allows at most ${description.maxLength}`;
    faults.push(fault('min_above_max', [...at, 'description', 'minLength'], message));
  }
  if (photos.min > photos.max) {
    const message = `${name} asks for at least ${photos.min} photos but allows at most ${photos.max}`;
    faults.push(fault('min_above_max', [...at, 'photos', 'min'], message));
  }
  return faults;
}

function offerFaults({ toSupport, resolutions }: OutcomeNode, at: Segments, name: string): TreeFault[] {
  if (toSupport === true && resolutions.length > 0) {
    const offered = alternatives(resolutions.map(({ type }) => type), 'and');
    return [fault('support_with_resolutions', at, `${name} goes straight to support but also offers ${offered}`)];
  }
  if (toSupport !== true && resolutions.length === 0) {
    return [fault('offers_nothing', at, `${name} offers no resolution and does not go to support`)];
  }
  return [];
}

function resolutionFaults({ resolutions }: OutcomeNode, at: Segments, name: string): TreeFault[] {
  const seen = new Set<string>();
  return resolutions.flatMap((resolution, index) => {
    const faults: TreeFault[] = [];
    if (seen.has(resolution.type)) {
      const message = `${name} offers ${quote(resolution.type)} more than once`;
      faults.push(fault('duplicate_resolution', [...at, index], message));
    }
    seen.add(resolution.type);
    if (resolution.type === 'partial_refund') {
      faults.push(...boundsFaults(resolution.bounds, [...at, index, 'bounds'], `the partial refund of ${name}`));
    }
    return faults;
  });
}

const BOUND_FIELDS = ['min', 'max', 'suggested'] as const;
const BOUND_WORDS = { min: 'minimum', max: 'maximum', suggested: 'suggested amount' } as const;

function boundsFaults(bounds: RefundBounds, at: Segments, refund: string): TreeFault[] {
  const faults: TreeFault[] = [];
  const show = (value: number): string =>
    bounds.unit === 'percent'
      ? `${value} %`
      : `${value} (${toDecimalString({ amount: value, currency: bounds.currency })} ${bounds.currency})`;
  const has = (field: (typeof BOUND_FIELDS)[number]): string =>
    `${refund} has a ${BOUND_WORDS[field]} of ${show(bounds[field])}`;

  if (bounds.min > bounds.max) {
    faults.push(fault('min_above_max', [...at, 'min'], `${has('min')}, above its maximum of ${show(bounds.max)}`));
  }
  if (bounds.unit === 'percent') {
    for (const field of BOUND_FIELDS) {
      if (bounds[field] > 100) faults.push(fault('percent_above_100', [...at, field], `${has(field)}, above 100 %`));
    }
    for (const field of BOUND_FIELDS) {
      if (!hasAtMostTwoDecimals(bounds[field])) {
        faults.push(fault('percent_too_precise', [...at, field], `${has(field)}; use at most two decimals`));
      }
    }
  }
  // With min above max no suggestion could fit; that fault is already reported.
  if (bounds.min <= bounds.max && (bounds.suggested < bounds.min || bounds.suggested > bounds.max)) {
    const range = `${show(bounds.min)} to ${show(bounds.max)}`;
    const message = `${refund} suggests ${show(bounds.suggested)}, outside its range of ${range}`;
    faults.push(fault('suggested_out_of_bounds', [...at, 'suggested'], message));
  }
  return faults;
}
