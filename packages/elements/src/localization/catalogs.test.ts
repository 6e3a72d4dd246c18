import { expect } from '@open-wc/testing';
import { en, type Catalog } from './catalog.js';
import { loadCatalog } from './catalog-loader.js';
import { SUPPORTED_LOCALES } from './locale-resolution.js';
import type { Message } from './message.js';

const placeholders = (message: Message): string[] => {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)))].sort();
};

describe('the shipped catalogs', () => {
  for (const locale of SUPPORTED_LOCALES.filter((l) => l !== 'en')) {
    describe(locale, () => {
      let catalog: Catalog;
      before(async () => {
        catalog = await loadCatalog(locale);
      });

      it('loads on demand as a catalog of its own, not English', () => {
        expect(catalog).not.to.equal(en);
        expect(catalog['common.retry']).not.to.equal(en['common.retry']);
      });

      it('translates every English key, and nothing else', () => {
        expect(Object.keys(catalog).sort()).to.deep.equal(Object.keys(en).sort());
      });

      it('keeps every placeholder of the English text, so no number or name goes missing', () => {
        for (const key of Object.keys(en) as (keyof Catalog)[]) {
          const own = placeholders(catalog[key]).filter((name) => name !== 'count');
          const english = placeholders(en[key]).filter((name) => name !== 'count');
          expect(own, key).to.deep.equal(english);
        }
      });

      it('keeps the count in the `other` form of every plural message that has one in English', () => {
        for (const key of Object.keys(en) as (keyof Catalog)[]) {
          const english = en[key];
          if (typeof english === 'string' || !english.other.includes('{count}')) continue;
          const own = catalog[key];
          const other = typeof own === 'string' ? own : own.other;
          expect(other, key).to.contain('{count}');
        }
      });

      it('gives an `other` form to every plural message, and no empty text', () => {
        for (const [key, message] of Object.entries(catalog)) {
          if (typeof message === 'string') expect(message.trim(), key).not.to.equal('');
          else expect(message.other, key).to.be.a('string').and.not.equal('');
        }
      });
    });
  }

  it('gives the same catalog to every caller once loaded', async () => {
    expect(await loadCatalog('nl')).to.equal(await loadCatalog('nl'));
    expect(await loadCatalog('en')).to.equal(en);
  });
});
