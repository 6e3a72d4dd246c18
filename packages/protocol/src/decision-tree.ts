import * as z from 'zod/mini';
import { CurrencyCode } from './currency.js';
import { LocaleTag, LocalizedText } from './localized-text.js';

/** Identifier of a node or an option: letters, digits, `_`, `-`, `.`; at most 64 characters. */
export const NodeId = z.string().check(
  z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'an id is 1-64 letters, digits, "_", "-" or "."'),
);
export type NodeId = z.infer<typeof NodeId>;

/** One answer to a question, leading to the next node. */
export const QuestionOption = z.strictObject({
  id: NodeId,
  label: LocalizedText,
  next: NodeId,
});
export type QuestionOption = z.infer<typeof QuestionOption>;

/** A question the buyer answers by choosing one option. */
export const QuestionNode = z.strictObject({
  kind: z.literal('question'),
  prompt: LocalizedText,
  help: z.optional(LocalizedText),
  options: z.array(QuestionOption).check(z.minLength(1, 'a question has at least one option')),
});
export type QuestionNode = z.infer<typeof QuestionNode>;

const NonNegativeInt = z.int().check(z.minimum(0, 'must be 0 or more'));

/**
 * Bounds of a partial refund: either percentages of the price paid or absolute amounts in minor
 * units of one currency. Shape only; `validateTree` checks min <= suggested <= max <= 100 %.
 */
export const RefundBounds = z.discriminatedUnion('unit', [
  z.strictObject({
    unit: z.literal('percent'),
    min: z.number().check(z.minimum(0)),
    max: z.number().check(z.minimum(0)),
    suggested: z.number().check(z.minimum(0)),
  }),
  z.strictObject({
    unit: z.literal('amount'),
    currency: CurrencyCode,
    min: NonNegativeInt,
    max: NonNegativeInt,
    suggested: NonNegativeInt,
  }),
]);
export type RefundBounds = z.infer<typeof RefundBounds>;

/** Who pays to send the item back. */
export const ReturnShippingPayer = z.enum(['buyer', 'seller']);
export type ReturnShippingPayer = z.infer<typeof ReturnShippingPayer>;

/** A resolution the buyer may propose at an outcome, with its terms. */
export const ResolutionOption = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('partial_refund'), bounds: RefundBounds }),
  z.strictObject({ type: z.literal('full_refund') }),
  z.strictObject({
    type: z.literal('return_and_refund'),
    returnShippingPaidBy: ReturnShippingPayer,
    /** Days the buyer has to ship the item back once the seller accepts. */
    shipWithinDays: z.int().check(z.minimum(1), z.maximum(90)),
  }),
  z.strictObject({ type: z.literal('replacement') }),
]);
export type ResolutionOption = z.infer<typeof ResolutionOption>;
export type ResolutionType = ResolutionOption['type'];

/** What happens when the party whose turn it is lets the deadline pass. */
export const LapseAction = z.enum(['escalate', 'accept_first_proposal']);
export type LapseAction = z.infer<typeof LapseAction>;

/** A leaf of the tree: what the buyer must provide and what they may propose. */
export const OutcomeNode = z.strictObject({
  kind: z.literal('outcome'),
  title: LocalizedText,
  /** Shown above the description field: what a useful description says. */
  guidance: z.optional(LocalizedText),
  description: z.strictObject({
    required: z.boolean(),
    minLength: NonNegativeInt,
    maxLength: z.int().check(z.minimum(1), z.maximum(10_000)),
  }),
  photos: z.strictObject({
    min: NonNegativeInt,
    max: z.int().check(z.minimum(0), z.maximum(20)),
  }),
  /** Resolutions the buyer may propose; empty only when `toSupport` is true. */
  resolutions: z.array(ResolutionOption),
  /** The case goes straight to the host's support team (counterfeit goods, safety issues). */
  toSupport: z.optional(z.boolean()),
  /** Whether the seller may answer with one counter-offer instead of accepting or rejecting. */
  counterOffer: z.boolean(),
  deadline: z.strictObject({
    /** Hours the seller has to respond. */
    sellerHours: z.int().check(z.minimum(1), z.maximum(24 * 60)),
    /** Hours the buyer has to answer a counter-offer. */
    buyerHours: z.int().check(z.minimum(1), z.maximum(24 * 60)),
    /** What happens when the seller does not respond in time. */
    onLapse: LapseAction,
  }),
});
export type OutcomeNode = z.infer<typeof OutcomeNode>;

export const TreeNode = z.discriminatedUnion('kind', [QuestionNode, OutcomeNode]);
export type TreeNode = z.infer<typeof TreeNode>;

/**
 * A decision tree ("what went wrong?"): questions leading to outcomes, as data the host may
 * replace. Every text has the `fallbackLocale`. Its objects are strict: a misspelt key
 * (`guidence`, `toSuport`) is refused rather than silently ignored.
 */
export const DecisionTree = z.strictObject({
  id: NodeId,
  version: z.int().check(z.minimum(1)),
  fallbackLocale: LocaleTag,
  root: NodeId,
  nodes: z.record(NodeId, TreeNode),
});
export type DecisionTree = z.infer<typeof DecisionTree>;

/** The outcome node `id` of `tree`, or `undefined` when there is none by that id. */
export function outcomeOf(tree: DecisionTree, id: string): OutcomeNode | undefined {
  const node = Object.hasOwn(tree.nodes, id) ? tree.nodes[id] : undefined;
  return node?.kind === 'outcome' ? node : undefined;
}

/** The question node `id` of `tree`, or `undefined` when there is none by that id. */
export function questionOf(tree: DecisionTree, id: string): QuestionNode | undefined {
  const node = Object.hasOwn(tree.nodes, id) ? tree.nodes[id] : undefined;
  return node?.kind === 'question' ? node : undefined;
}
