import { expect } from '@open-wc/testing';
import { en } from './catalog.js';
import { Localizer } from './localizer.js';

describe('Localizer', () => {
  it('gives the English text of a key, with its placeholders filled', () => {
    const l10n = new Localizer('en');
    expect(l10n.t('common.retry')).to.equal('Try again');
    expect(l10n.t('common.tooLong', { max: 2000 })).to.equal('Use at most 2000 characters.');
  });

  it('leaves a placeholder without a parameter as written, so it shows up in review', () => {
    expect(new Localizer('en').t('common.tooLong')).to.equal('Use at most {max} characters.');
  });

  it('picks the plural form by the count, with the locale\'s rules', () => {
    const l10n = new Localizer('en');
    expect(l10n.t('common.charactersLeft', { count: 1 })).to.equal('1 character left');
    expect(l10n.t('common.charactersLeft', { count: 0 })).to.equal('0 characters left');
    const arabic = new Localizer('ar', { ...en, 'common.charactersLeft': { two: 'اثنان', few: 'قليل {count}', other: 'آخر {count}' } });
    expect(arabic.t('common.charactersLeft', { count: 2 })).to.equal('اثنان');
    expect(arabic.t('common.charactersLeft', { count: 5 })).to.equal('قليل 5');
    // A category the message lacks falls back to `other`.
    expect(arabic.t('common.charactersLeft', { count: 1 })).to.equal('آخر 1');
  });

  it('prefers the host\'s overrides, then the catalog, then English', () => {
    const l10n = new Localizer('nl', { 'common.retry': 'Opnieuw proberen' }, { 'common.back': 'Vorige' });
    expect(l10n.t('common.back')).to.equal('Vorige');
    expect(l10n.t('common.retry')).to.equal('Opnieuw proberen');
    expect(l10n.t('common.cancel')).to.equal('Cancel');
  });

  it('formats money in integer minor units with the currency\'s own decimals', () => {
    expect(new Localizer('en-US').money({ amount: 6100, currency: 'EUR' })).to.equal('€61.00');
    expect(new Localizer('en-US').money({ amount: 12800, currency: 'JPY' })).to.equal('¥12,800');
    expect(new Localizer('en-US').money({ amount: 32750, currency: 'KWD' })).to.equal('KWD\u00a032.750');
    expect(new Localizer('nl-NL').money({ amount: 6100, currency: 'EUR' })).to.equal('€\u00a061,00');
  });

  it('writes a deadline in the reader\'s locale with the time zone named', () => {
    const text = new Localizer('en-GB').dateTime('2026-11-29T09:00:00Z');
    expect(text).to.match(/29 Nov 2026/);
    expect(text).to.match(/\d\d:\d\d/);
    expect(text).to.match(/[A-Z]{2,}|GMT|UTC/);
  });

  it('says how far a moment is from now in the largest whole unit', () => {
    const now = Date.parse('2026-11-26T09:00:00Z');
    const l10n = new Localizer('en');
    expect(l10n.relativeTime('2026-11-29T09:00:00Z', now)).to.equal('in 3 days');
    expect(l10n.relativeTime('2026-11-26T07:00:00Z', now)).to.equal('2 hours ago');
    expect(l10n.relativeTime('2026-11-26T09:20:00Z', now)).to.equal('in 20 minutes');
    expect(new Localizer('nl').relativeTime('2026-11-27T09:00:00Z', now)).to.equal('morgen');
  });

  it('writes sizes in bytes with the largest unit above 1', () => {
    expect(new Localizer('en').bytes(512)).to.equal('512 byte');
    expect(new Localizer('en').bytes(5 * 1024 * 1024)).to.equal('5.2 MB');
  });

  it('knows the writing direction of its locale', () => {
    expect(new Localizer('ar-EG').dir).to.equal('rtl');
    expect(new Localizer('he').dir).to.equal('rtl');
    expect(new Localizer('nl-BE').dir).to.equal('ltr');
  });
});
