import type { Money, Resolution } from '@amicable/protocol';
import type { Localizer } from '../localization/localizer.js';

/**
 * A resolution in words, with its money: "Partial refund of €12.20", "Full refund of €61.00",
 * "Return the item and get a full refund of €61.00 (seller pays shipping, ship within 14 days)",
 * "Replacement". `price` is what the buyer paid: the amount a full refund gives back.
 */
export function describeResolution(l10n: Localizer, resolution: Resolution, price: Money): string {
  switch (resolution.type) {
    case 'partial_refund':
      return l10n.t('status.resolution.partial_refund', { amount: l10n.money(resolution.amount) });
    case 'return_and_refund':
      return l10n.t(`status.resolution.return_and_refund.${resolution.returnShippingPaidBy}`, {
        amount: l10n.money(price),
        count: resolution.shipWithinDays,
      });
    case 'full_refund':
      return l10n.t('status.resolution.full_refund', { amount: l10n.money(price) });
    default:
      return l10n.t(`status.resolution.${resolution.type}`);
  }
}
