import * as z from 'zod/mini';
import { ReturnShippingPayer, type OutcomeNode, type RefundBounds, type ResolutionType } from './decision-tree.js';
import { CurrencyMismatchError, Money, percentOf, subtractMoney } from './money.js';

/**
 * A concrete resolution: what the buyer proposes, the seller counters with, or support decides.
 * `no_refund` exists only for support's decision; a tree cannot offer it.
 */
export const Resolution = z.discriminatedUnion('type', [
  z.object({ type: z.literal('partial_refund'), amount: Money }),
  z.object({ type: z.literal('full_refund') }),
  z.object({
    type: z.literal('return_and_refund'),
    returnShippingPaidBy: ReturnShippingPayer,
    shipWithinDays: z.int().check(z.minimum(1), z.maximum(90)),
  }),
  z.object({ type: z.literal('replacement') }),
  z.object({ type: z.literal('no_refund') }),
]);
export type Resolution = z.infer<typeof Resolution>;

/** A resolution the buyer proposed, with the id the seller accepts it by. */
export const Proposal = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  resolution: Resolution,
});
export type Proposal = z.infer<typeof Proposal>;

/** The split of what the buyer paid: `refund + payout === price`, always. */
export const Split = z.object({ refund: Money, payout: Money });
export type Split = z.infer<typeof Split>;

/**
 * Splits `price` for a resolution: the refund to the buyer and the payout to the seller.
 * Return-and-refund refunds in full (the seller gets the item back); replacement and no-refund
 * pay the seller in full. Throws on a partial refund in another currency or above the price.
 */
export function splitSettlement(price: Money, resolution: Resolution): Split {
  const none: Money = { amount: 0, currency: price.currency };
  switch (resolution.type) {
    case 'partial_refund':
      return { refund: resolution.amount, payout: subtractMoney(price, resolution.amount) };
    case 'full_refund':
    case 'return_and_refund':
      return { refund: price, payout: none };
    case 'replacement':
    case 'no_refund':
      return { refund: none, payout: price };
  }
}

/** Partial-refund bounds made concrete for one price. */
export interface ConcreteBounds {
  readonly min: Money;
  readonly max: Money;
  readonly suggested: Money;
}

/**
 * Whether `bounds` can be turned into money for `price`: percentages always can; absolute amounts
 * only in the price's currency. Where this is false, the partial refund cannot be offered.
 */
export function canPriceBounds(bounds: RefundBounds, price: Money): boolean {
  return bounds.unit === 'percent' || bounds.currency === price.currency;
}

/**
 * The bounds of a partial refund in minor units for `price`: percentages go through
 * `percentOf`; absolute amounts must be in the price's currency; nothing exceeds the price.
 */
export function concreteBounds(bounds: RefundBounds, price: Money): ConcreteBounds {
  const at = (value: number): Money => {
    if (bounds.unit === 'percent') return percentOf(price, value);
    return { amount: Math.min(value, price.amount), currency: price.currency };
  };
  if (bounds.unit === 'amount' && !canPriceBounds(bounds, price)) {
    throw new CurrencyMismatchError(price.currency, bounds.currency);
  }
  return { min: at(bounds.min), max: at(bounds.max), suggested: at(bounds.suggested) };
}

/** Why a resolution is not allowed at an outcome. */
export type ResolutionFault =
  | { readonly code: 'not_offered'; readonly type: Resolution['type'] }
  | { readonly code: 'currency_mismatch'; readonly expected: string }
  | { readonly code: 'below_min'; readonly min: Money }
  | { readonly code: 'above_max'; readonly max: Money }
  | { readonly code: 'terms_differ' };

/**
 * Checks a proposed (or countered) resolution against what the outcome offers and its bounds
 * for `price`. Returns `null` when it is allowed.
 */
export function checkResolution(outcome: OutcomeNode, price: Money, resolution: Resolution): ResolutionFault | null {
  const option = outcome.resolutions.find((o) => o.type === resolution.type);
  if (option === undefined) return { code: 'not_offered', type: resolution.type };
  if (resolution.type === 'partial_refund' && option.type === 'partial_refund') {
    if (resolution.amount.currency !== price.currency || !canPriceBounds(option.bounds, price)) {
      return { code: 'currency_mismatch', expected: price.currency };
    }
    const { min, max } = concreteBounds(option.bounds, price);
    if (resolution.amount.amount < min.amount) return { code: 'below_min', min };
    if (resolution.amount.amount > max.amount) return { code: 'above_max', max };
  }
  if (resolution.type === 'return_and_refund' && option.type === 'return_and_refund') {
    const same = resolution.returnShippingPaidBy === option.returnShippingPaidBy
      && resolution.shipWithinDays === option.shipWithinDays;
    if (!same) return { code: 'terms_differ' };
  }
  return null;
}

/**
 * Checks a decision by support: any resolution, with a partial refund between zero and the
 * price in the price's currency. Returns `null` when it is allowed.
 */
export function checkDecision(price: Money, resolution: Resolution): ResolutionFault | null {
  if (resolution.type !== 'partial_refund') return null;
  if (resolution.amount.currency !== price.currency) return { code: 'currency_mismatch', expected: price.currency };
  if (resolution.amount.amount > price.amount) return { code: 'above_max', max: price };
  return null;
}

/** The resolution the buyer would propose by default for an option: the suggested amount for a partial refund. */
export function defaultResolution(option: OutcomeNode['resolutions'][number], price: Money): Resolution {
  switch (option.type) {
    case 'partial_refund':
      return { type: 'partial_refund', amount: concreteBounds(option.bounds, price).suggested };
    case 'return_and_refund':
      return { type: 'return_and_refund', returnShippingPaidBy: option.returnShippingPaidBy, shipWithinDays: option.shipWithinDays };
    default:
      return { type: option.type };
  }
}

/** Whether two resolutions have the same terms (a counter-offer must differ from every proposal). */
export function sameResolution(a: Resolution, b: Resolution): boolean {
  switch (a.type) {
    case 'partial_refund':
      return b.type === 'partial_refund' && a.amount.amount === b.amount.amount && a.amount.currency === b.amount.currency;
    case 'return_and_refund':
      return b.type === 'return_and_refund'
        && a.returnShippingPaidBy === b.returnShippingPaidBy
        && a.shipWithinDays === b.shipWithinDays;
    default:
      return a.type === b.type;
  }
}

export type { ResolutionType };
