import * as z from 'zod/mini';
import { DecisionTree } from './decision-tree.js';
import { Dispute, Id, Role, Timestamp } from './dispute.js';
import { LocaleTag } from './localized-text.js';
import { Money } from './money.js';
import { UploadPolicy } from './contract/uploads.js';

/** A party to the order, as the host names them to the other side. Its id is an `Id` (1-128 characters). */
export const Party = z.object({
  id: Id,
  displayName: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type Party = z.infer<typeof Party>;

/** One line of the order. */
export const OrderLine = z.object({
  title: z.string().check(z.minLength(1)),
  quantity: z.int().check(z.minimum(1)),
  unitPrice: Money,
});
export type OrderLine = z.infer<typeof OrderLine>;

/** What was bought, for display on both sides. */
export const OrderSummary = z.object({
  title: z.string().check(z.minLength(1), z.maxLength(500)),
  reference: z.optional(z.string()),
  imageUrl: z.optional(z.string()),
  lines: z.array(OrderLine),
  placedAt: Timestamp,
  deliveredAt: z.optional(Timestamp),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

/**
 * Everything a widget needs to mediate one order: the order, the price paid (the amount any
 * split divides), the parties, the caller's role, the decision tree and the dispute, if any.
 * `orderId` is an `Id` (1-128 characters), as in `OpenDisputeRequest` and `Dispute`, so that an
 * order the widget accepts is one a dispute can be opened for.
 */
export const OrderContext = z.object({
  orderId: Id,
  summary: OrderSummary,
  price: Money,
  buyer: Party,
  seller: Party,
  role: Role,
  tree: DecisionTree,
  dispute: z.nullable(Dispute),
  /** The host's preferred locale for this caller, if it knows one. */
  locale: z.optional(LocaleTag),
  /** How photos are uploaded, and the limits; `DEFAULT_UPLOAD_POLICY` when absent. */
  uploads: z.optional(UploadPolicy),
});
export type OrderContext = z.infer<typeof OrderContext>;
