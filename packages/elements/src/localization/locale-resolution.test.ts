import { expect, fixture, html } from '@open-wc/testing';
import { directionOf, nearestSupportedLocale, requestedLocale } from './locale-resolution.js';

describe('locale resolution', () => {
  it('takes the element\'s own locale first', async () => {
    const element = await fixture(html`<div lang="fr"><span></span></div>`);
    expect(requestedLocale(element.firstElementChild!, 'de-AT')).to.equal('de-AT');
  });

  it('falls back to the nearest lang in the page', async () => {
    const element = await fixture(html`<section lang="nl-BE"><div><span></span></div></section>`);
    expect(requestedLocale(element.querySelector('span')!, undefined)).to.equal('nl-BE');
    expect(requestedLocale(element.querySelector('span')!, '  ')).to.equal('nl-BE');
  });

  it('crosses shadow roots to find the lang of the host page', async () => {
    const outer = await fixture(html`<div lang="de"><div></div></div>`);
    const shadow = outer.firstElementChild!.attachShadow({ mode: 'open' });
    const inner = document.createElement('span');
    shadow.append(inner);
    expect(requestedLocale(inner, undefined)).to.equal('de');
  });

  it('maps a tag to the nearest shipped catalog, English for the rest and for garbage', () => {
    expect(nearestSupportedLocale('nl-BE')).to.equal('nl');
    expect(nearestSupportedLocale('fr-CA')).to.equal('fr');
    expect(nearestSupportedLocale('de')).to.equal('de');
    expect(nearestSupportedLocale('ar-MA')).to.equal('ar');
    expect(nearestSupportedLocale('pt-BR')).to.equal('en');
    expect(nearestSupportedLocale('not a locale!')).to.equal('en');
  });

  it('knows which languages are written right to left', () => {
    expect(directionOf('ar')).to.equal('rtl');
    expect(directionOf('fa-IR')).to.equal('rtl');
    expect(directionOf('en-GB')).to.equal('ltr');
    expect(directionOf('???')).to.equal('ltr');
  });
});
