import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { OutcomeNode, RefundBounds, ResolutionOption } from './decision-tree.js';
import { CurrencyMismatchError, type Money } from './money.js';
import {
  Resolution,
  checkDecision,
  checkResolution,
  concreteBounds,
  defaultResolution,
  splitSettlement,
} from './resolution.js';

const money = (amount: number, currency = 'EUR'): Money => ({ amount, currency });
const partial = (amount: number, currency = 'EUR'): Resolution => ({ type: 'partial_refund', amount: money(amount, currency) });

/** An outcome offering `resolutions`, otherwise as plain as the schema allows. */
function outcome(resolutions: ResolutionOption[]): OutcomeNode {
  return {
    kind: 'outcome',
    title: { en: 'Item arrived damaged' },
    description: { required: true, minLength: 0, maxLength: 2000 },
    photos: { min: 0, max: 5 },
    resolutions,
    counterOffer: true,
    deadline: { sellerHours: 72, buyerHours: 72, onLapse: 'escalate' },
  };
}

const tenToFortyPercent: RefundBounds = { unit: 'percent', min: 10, max: 40, suggested: 25 };
const returnBySellerIn14Days: ResolutionOption = { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 };
const everything = outcome([
  { type: 'partial_refund', bounds: tenToFortyPercent },
  { type: 'full_refund' },
  returnBySellerIn14Days,
  { type: 'replacement' },
]);

/** One currency for each exponent the properties cover: 0 (JPY), 2 (EUR), 3 (KWD). */
const currencies = fc.constantFrom('JPY', 'EUR', 'KWD');
const prices = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(Number);

describe('splitSettlement', () => {
  const price = money(10_000);

  it('refunds the agreed amount of a partial refund and pays the seller the rest', () => {
    expect(splitSettlement(price, partial(2_500))).to.deep.equal({ refund: money(2_500), payout: money(7_500) });
  });

  it('refunds everything for a full refund', () => {
    expect(splitSettlement(price, { type: 'full_refund' })).to.deep.equal({ refund: price, payout: money(0) });
  });

  it('refunds everything for a return and refund: the seller gets the item back instead', () => {
    const resolution: Resolution = { type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 7 };
    expect(splitSettlement(price, resolution)).to.deep.equal({ refund: price, payout: money(0) });
  });

  it('pays the seller in full for a replacement and for no refund', () => {
    expect(splitSettlement(price, { type: 'replacement' })).to.deep.equal({ refund: money(0), payout: price });
    expect(splitSettlement(price, { type: 'no_refund' })).to.deep.equal({ refund: money(0), payout: price });
  });

  it('accepts partial refunds of nothing and of the whole price', () => {
    expect(splitSettlement(price, partial(0))).to.deep.equal({ refund: money(0), payout: price });
    expect(splitSettlement(price, partial(10_000))).to.deep.equal({ refund: price, payout: money(0) });
  });

  it('refuses a partial refund above the price', () => {
    expect(() => splitSettlement(price, partial(10_001))).to.throw(RangeError);
  });

  it('refuses a partial refund in another currency', () => {
    expect(() => splitSettlement(price, partial(100, 'USD'))).to.throw(CurrencyMismatchError);
  });

  it('always splits the price exactly: refund + payout is what was paid', () => {
    const cases = fc.tuple(currencies, prices).chain(([currency, amount]) =>
      fc.tuple(fc.constant(money(amount, currency)), fc.bigInt({ min: 0n, max: BigInt(amount) }).map(Number)));
    fc.assert(
      fc.property(cases, ([paid, refunded]) => {
        const { refund, payout } = splitSettlement(paid, partial(refunded, paid.currency));
        expect(refund).to.deep.equal(money(refunded, paid.currency));
        expect(payout.currency).to.equal(paid.currency);
        expect(Number.isSafeInteger(payout.amount) && payout.amount >= 0).to.be.true;
        expect(refund.amount + payout.amount).to.equal(paid.amount);
      }),
    );
  });

  it('splits the price exactly for every other resolution too', () => {
    const others = fc.constantFrom<Resolution>(
      { type: 'full_refund' },
      { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
      { type: 'replacement' },
      { type: 'no_refund' },
    );
    fc.assert(
      fc.property(currencies, prices, others, (currency, amount, resolution) => {
        const { refund, payout } = splitSettlement(money(amount, currency), resolution);
        return refund.amount + payout.amount === amount && refund.currency === currency && payout.currency === currency;
      }),
    );
  });

  it('throws for any refund above the price', () => {
    fc.assert(
      fc.property(currencies, prices, fc.integer({ min: 1, max: 1_000_000 }), (currency, amount, excess) => {
        expect(() => splitSettlement(money(amount, currency), partial(amount + excess, currency))).to.throw(RangeError);
      }),
    );
  });
});

describe('concreteBounds', () => {
  it('takes percentages of the price, rounded half up', () => {
    expect(concreteBounds(tenToFortyPercent, money(10_000))).to.deep.equal({
      min: money(1_000),
      max: money(4_000),
      suggested: money(2_500),
    });
    expect(concreteBounds({ unit: 'percent', min: 12.5, max: 50, suggested: 33.33 }, money(101, 'JPY'))).to.deep.equal({
      min: money(13, 'JPY'), // 12.625
      max: money(51, 'JPY'), // 50.5
      suggested: money(34, 'JPY'), // 33.6633
    });
  });

  it('takes absolute amounts as they are when they fit in the price', () => {
    const bounds: RefundBounds = { unit: 'amount', currency: 'EUR', min: 500, max: 5_000, suggested: 1_500 };
    expect(concreteBounds(bounds, money(10_000))).to.deep.equal({
      min: money(500),
      max: money(5_000),
      suggested: money(1_500),
    });
  });

  it('clamps absolute amounts to the price', () => {
    const bounds: RefundBounds = { unit: 'amount', currency: 'EUR', min: 500, max: 5_000, suggested: 1_500 };
    expect(concreteBounds(bounds, money(2_000))).to.deep.equal({
      min: money(500),
      max: money(2_000),
      suggested: money(1_500),
    });
    expect(concreteBounds(bounds, money(300))).to.deep.equal({
      min: money(300),
      max: money(300),
      suggested: money(300),
    });
  });

  it('refuses absolute bounds in a currency other than the price\'s', () => {
    const bounds: RefundBounds = { unit: 'amount', currency: 'USD', min: 0, max: 5_000, suggested: 1_000 };
    expect(() => concreteBounds(bounds, money(10_000, 'EUR'))).to.throw(CurrencyMismatchError, 'expected EUR, got USD');
  });
});

describe('checkResolution', () => {
  const price = money(10_000);

  it('allows every offered resolution on its terms', () => {
    expect(checkResolution(everything, price, partial(2_500))).to.equal(null);
    expect(checkResolution(everything, price, { type: 'full_refund' })).to.equal(null);
    expect(checkResolution(everything, price, { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 }))
      .to.equal(null);
    expect(checkResolution(everything, price, { type: 'replacement' })).to.equal(null);
  });

  it('allows partial refunds exactly at the bounds', () => {
    expect(checkResolution(everything, price, partial(1_000))).to.equal(null);
    expect(checkResolution(everything, price, partial(4_000))).to.equal(null);
  });

  it('refuses a resolution the outcome does not offer', () => {
    const refundOnly = outcome([{ type: 'full_refund' }]);
    expect(checkResolution(refundOnly, price, { type: 'replacement' })).to.deep.equal({ code: 'not_offered', type: 'replacement' });
    expect(checkResolution(refundOnly, price, partial(100))).to.deep.equal({ code: 'not_offered', type: 'partial_refund' });
  });

  it('refuses no refund: only support decides that', () => {
    expect(checkResolution(everything, price, { type: 'no_refund' })).to.deep.equal({ code: 'not_offered', type: 'no_refund' });
  });

  it('refuses a partial refund in another currency than the price', () => {
    expect(checkResolution(everything, price, partial(2_500, 'USD'))).to.deep.equal({ code: 'currency_mismatch', expected: 'EUR' });
  });

  it('refuses a partial refund when the tree gives amount bounds in another currency than the price', () => {
    const inDollars = outcome([{ type: 'partial_refund', bounds: { unit: 'amount', currency: 'USD', min: 100, max: 500, suggested: 200 } }]);
    expect(checkResolution(inDollars, price, partial(200))).to.deep.equal({ code: 'currency_mismatch', expected: 'EUR' });
  });

  it('refuses a partial refund below the minimum, saying the minimum', () => {
    expect(checkResolution(everything, price, partial(999))).to.deep.equal({ code: 'below_min', min: money(1_000) });
  });

  it('refuses a partial refund above the maximum, saying the maximum', () => {
    expect(checkResolution(everything, price, partial(4_001))).to.deep.equal({ code: 'above_max', max: money(4_000) });
  });

  it('caps absolute bounds at the price', () => {
    const upTo50 = outcome([{ type: 'partial_refund', bounds: { unit: 'amount', currency: 'EUR', min: 0, max: 5_000, suggested: 1_000 } }]);
    expect(checkResolution(upTo50, money(3_000), partial(3_000))).to.equal(null);
    expect(checkResolution(upTo50, money(3_000), partial(3_001))).to.deep.equal({ code: 'above_max', max: money(3_000) });
  });

  it('refuses a return on other terms than the outcome\'s', () => {
    expect(checkResolution(everything, price, { type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 14 }))
      .to.deep.equal({ code: 'terms_differ' });
    expect(checkResolution(everything, price, { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 30 }))
      .to.deep.equal({ code: 'terms_differ' });
  });

  describe('properties over JPY, EUR and KWD and prices up to 10^12', () => {
    /** Percent bounds with min <= suggested <= max, each with at most two decimals. */
    const percentBounds = fc
      .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
      .map((picked): RefundBounds => {
        const [min, suggested, max] = [...picked].sort((a, b) => a - b).map((h) => h / 100) as [number, number, number];
        return { unit: 'percent', min, suggested, max };
      });

    it('allows the suggested amount of any percent bounds', () => {
      fc.assert(
        fc.property(currencies, prices, percentBounds, (currency, amount, bounds) => {
          const price = money(amount, currency);
          const option: ResolutionOption = { type: 'partial_refund', bounds };
          const proposed = defaultResolution(option, price);
          expect(checkResolution(outcome([option]), price, proposed), JSON.stringify({ bounds, amount })).to.equal(null);
        }),
      );
    });

    it('allows exactly the amounts between the concrete bounds', () => {
      fc.assert(
        fc.property(currencies, prices, percentBounds, fc.double({ min: 0, max: 1, noNaN: true }), (currency, amount, bounds, at) => {
          const price = money(amount, currency);
          const { min, max } = concreteBounds(bounds, price);
          const refund = Math.round(at * amount);
          const fault = checkResolution(outcome([{ type: 'partial_refund', bounds }]), price, partial(refund, currency));
          if (refund < min.amount) expect(fault).to.deep.equal({ code: 'below_min', min });
          else if (refund > max.amount) expect(fault).to.deep.equal({ code: 'above_max', max });
          else expect(fault).to.equal(null);
        }),
      );
    });
  });
});

describe('checkDecision', () => {
  const price = money(10_000);

  it('lets support decide any resolution type, including no refund', () => {
    for (const resolution of [
      { type: 'full_refund' },
      { type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 90 },
      { type: 'replacement' },
      { type: 'no_refund' },
    ] satisfies Resolution[]) {
      expect(checkDecision(price, resolution), resolution.type).to.equal(null);
    }
  });

  it('lets support decide any partial refund from nothing to the whole price', () => {
    expect(checkDecision(price, partial(0))).to.equal(null);
    expect(checkDecision(price, partial(1))).to.equal(null);
    expect(checkDecision(price, partial(10_000))).to.equal(null);
  });

  it('refuses a partial refund above the price', () => {
    expect(checkDecision(price, partial(10_001))).to.deep.equal({ code: 'above_max', max: price });
  });

  it('refuses a partial refund in another currency', () => {
    expect(checkDecision(price, partial(100, 'USD'))).to.deep.equal({ code: 'currency_mismatch', expected: 'EUR' });
  });
});

describe('defaultResolution', () => {
  it('preselects the suggested amount of a partial refund', () => {
    expect(defaultResolution({ type: 'partial_refund', bounds: tenToFortyPercent }, money(10_000))).to.deep.equal(partial(2_500));
    expect(defaultResolution({ type: 'partial_refund', bounds: tenToFortyPercent }, money(99, 'JPY')))
      .to.deep.equal(partial(25, 'JPY')); // 24.75
  });

  it('preselects a suggested absolute amount, capped at the price', () => {
    const option: ResolutionOption = {
      type: 'partial_refund',
      bounds: { unit: 'amount', currency: 'EUR', min: 0, max: 5_000, suggested: 1_500 },
    };
    expect(defaultResolution(option, money(10_000))).to.deep.equal(partial(1_500));
    expect(defaultResolution(option, money(1_000))).to.deep.equal(partial(1_000));
  });

  it('carries over the return terms of the outcome', () => {
    expect(defaultResolution(returnBySellerIn14Days, money(10_000))).to.deep.equal({
      type: 'return_and_refund',
      returnShippingPaidBy: 'seller',
      shipWithinDays: 14,
    });
  });

  it('proposes a full refund or a replacement as such', () => {
    expect(defaultResolution({ type: 'full_refund' }, money(10_000))).to.deep.equal({ type: 'full_refund' });
    expect(defaultResolution({ type: 'replacement' }, money(10_000))).to.deep.equal({ type: 'replacement' });
  });

  it('gives a resolution the schema accepts', () => {
    for (const option of everything.resolutions) {
      expect(Resolution.safeParse(defaultResolution(option, money(10_000))).success, option.type).to.be.true;
    }
  });
});
