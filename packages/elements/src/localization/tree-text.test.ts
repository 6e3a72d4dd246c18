import { expect, fixture, html } from '@open-wc/testing';
import { Localizer } from './localizer.js';
import { treeText } from './tree-text.js';

const prompt = { en: 'What went wrong?', nl: 'Wat ging er mis?' };

describe('treeText', () => {
  it('gives the text as it is in the reader\'s language', () => {
    expect(treeText(new Localizer('nl-BE'), prompt, 'en')).to.equal('Wat ging er mis?');
    expect(treeText(new Localizer('en-GB'), prompt, 'en')).to.equal('What went wrong?');
  });

  it('marks text that fell back to another language with its lang and its own direction', async () => {
    const element = await fixture(html`<p lang="ar" dir="rtl">${treeText(new Localizer('ar'), prompt, 'en')}</p>`);
    const span = element.querySelector('span')!;
    expect(span.getAttribute('lang')).to.equal('en');
    expect(span.getAttribute('dir')).to.equal('auto');
    expect(span.textContent).to.equal('What went wrong?');
  });
});
