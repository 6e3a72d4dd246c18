import type { Money } from '@amicable/protocol';
import { expect } from '@open-wc/testing';
import { fr } from '../locales/fr.js';
import { Localizer } from '../localization/localizer.js';
import { describeResolution } from './resolution-text.js';

const euros: Money = { amount: 6_100, currency: 'EUR' };
const english = new Localizer('en-GB');

describe('a resolution in words', () => {
  it('names a partial refund with its amount in the currency\'s own minor unit', () => {
    expect(describeResolution(english, { type: 'partial_refund', amount: { amount: 1_220, currency: 'EUR' } }, euros)).to.equal(
      'Partial refund of €12.20',
    );
    expect(describeResolution(english, { type: 'partial_refund', amount: { amount: 1_280, currency: 'JPY' } }, { amount: 12_800, currency: 'JPY' }))
      .to.equal('Partial refund of JP¥1,280');
    expect(describeResolution(english, { type: 'partial_refund', amount: { amount: 3_275, currency: 'KWD' } }, { amount: 32_750, currency: 'KWD' }))
      .to.equal('Partial refund of KWD\u00a03.275');
  });

  it('gives a full refund the price paid', () => {
    expect(describeResolution(english, { type: 'full_refund' }, euros)).to.equal('Full refund of €61.00');
  });

  it('spells out a return: who pays the shipping and within how many days it is sent, one day or more', () => {
    expect(describeResolution(english, { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 }, euros)).to.equal(
      'Return the item and get a full refund of €61.00 (seller pays shipping, ship within 14 days)',
    );
    expect(describeResolution(english, { type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 1 }, euros)).to.equal(
      'Return the item and get a full refund of €61.00 (buyer pays shipping, ship within 1 day)',
    );
  });

  it('names a replacement and support\'s decision of no refund', () => {
    expect(describeResolution(english, { type: 'replacement' }, euros)).to.equal('Replacement');
    expect(describeResolution(english, { type: 'no_refund' }, euros)).to.equal('No refund');
  });

  it('speaks the reader\'s language, money included', () => {
    const french = new Localizer('fr-FR', fr);
    expect(describeResolution(french, { type: 'partial_refund', amount: { amount: 1_220, currency: 'EUR' } }, euros)).to.equal(
      'Remboursement partiel de 12,20\u00a0€',
    );
  });
});
