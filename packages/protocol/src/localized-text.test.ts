import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { LocaleTag, LocalizedText, localize, localizedEntry } from './localized-text.js';

describe('localize', () => {
  const greeting: LocalizedText = { en: 'Hello', nl: 'Hallo', 'nl-BE': 'Dag', 'pt-BR': 'Olá' };

  it('takes the text of the exact tag', () => {
    expect(localize(greeting, 'nl-BE', 'en')).to.equal('Dag');
    expect(localize(greeting, 'nl', 'en')).to.equal('Hallo');
  });

  it('falls back from a regional tag to its language', () => {
    expect(localize({ en: 'Hello', nl: 'Hallo' }, 'nl-BE', 'en')).to.equal('Hallo');
    expect(localize(greeting, 'nl-NL', 'en')).to.equal('Hallo');
  });

  it('drops subtags one at a time, keeping the script before the bare language', () => {
    const text = { en: 'Hello', zh: '你好 (zh)', 'zh-Hant': '你好 (Hant)', 'zh-Hans': '你好 (Hans)' };
    expect(localize(text, 'zh-Hant-TW', 'en')).to.equal('你好 (Hant)');
    expect(localize(text, 'zh-CN', 'en')).to.equal('你好 (zh)');
  });

  it('takes a regional variant when only that exists for the language', () => {
    expect(localize(greeting, 'pt', 'en')).to.equal('Olá');
    expect(localize(greeting, 'pt-PT', 'en')).to.equal('Olá');
  });

  it('falls back to the fallback locale for a language it lacks', () => {
    expect(localize(greeting, 'de-DE', 'en')).to.equal('Hello');
    expect(localize(greeting, 'de', 'nl')).to.equal('Hallo');
  });

  it('compares tags without regard to case, as BCP 47 does', () => {
    expect(localize(greeting, 'NL-be', 'en')).to.equal('Dag');
    expect(localize(greeting, 'PT', 'en')).to.equal('Olá');
    expect(localize({ en: 'Hello', 'pt-br': 'Olá' }, 'pt-BR', 'en')).to.equal('Olá');
  });

  it('gives some text when neither the locale nor the fallback has one, and "" for no text at all', () => {
    expect(localize({ fr: 'Bonjour' }, 'de', 'en')).to.equal('Bonjour');
    expect(localize({}, 'de', 'en')).to.equal('');
  });

  it('never takes a name inherited from Object.prototype for a translation', () => {
    for (const locale of ['constructor', 'toString', '__proto__', 'hasOwnProperty-x']) {
      expect(localize({ en: 'Hello' }, locale, 'en'), locale).to.equal('Hello');
      expect(localize({ en: 'Hello' }, 'de', locale), `fallback ${locale}`).to.equal('Hello');
    }
  });

  it('always answers with one of the texts it was given', () => {
    const tag = fc.constantFrom('en', 'nl', 'nl-BE', 'pt-BR', 'de', 'fr-CA', 'zh-Hant');
    fc.assert(
      fc.property(fc.dictionary(tag, fc.string({ minLength: 1 })), fc.string(), fc.string(), (text, locale, fallback) => {
        const values = Object.values(text);
        const result = localize(text, locale, fallback);
        if (values.length === 0) return result === '';
        return values.includes(result);
      }),
    );
  });
});

describe('LocaleTag', () => {
  it('accepts BCP 47 tags', () => {
    for (const tag of ['en', 'nl-BE', 'pt-BR', 'fil', 'es-419', 'zh-Hant-TW']) {
      expect(LocaleTag.safeParse(tag).success, tag).to.be.true;
    }
  });

  it('refuses what is not a tag, saying what a tag looks like', () => {
    for (const tag of ['', 'e', 'english', 'EN', 'en_US', 'nl-', '-BE', 'nl BE']) {
      const result = LocaleTag.safeParse(tag);
      expect(result.success, tag).to.be.false;
      expect(result.error?.issues[0]?.message).to.equal('a locale is a BCP 47 tag such as "en" or "nl-BE"');
    }
  });
});

describe('LocalizedText', () => {
  it('accepts a map of tags to non-empty strings', () => {
    const text = { en: 'Broken on arrival', 'nl-BE': 'Kapot aangekomen' };
    expect(LocalizedText.safeParse(text)).to.deep.equal({ success: true, data: text });
  });

  it('refuses an empty string, at the path of its tag', () => {
    const result = LocalizedText.safeParse({ en: 'Hello', nl: '' });
    expect(result.success).to.be.false;
    expect(result.error?.issues.map(({ path, message }) => ({ path, message })))
      .to.deep.equal([{ path: ['nl'], message: 'text may not be empty' }]);
  });

  it('refuses a key that is not a locale tag, at the path of that key', () => {
    const result = LocalizedText.safeParse({ en: 'Hello', en_US: 'Hello' });
    expect(result.success).to.be.false;
    expect(result.error?.issues.map((issue) => issue.path)).to.deep.equal([['en_US']]);
  });

  it('refuses a text that is not a string', () => {
    expect(LocalizedText.safeParse({ en: 42 }).success).to.be.false;
    expect(LocalizedText.safeParse('Hello').success).to.be.false;
  });
});

describe('localizedEntry', () => {
  const text = { en: 'Damaged', 'nl-BE': 'Beschadigd', fr: 'Endommagé' };

  it('names the tag of the text it chose, in the spelling of the text', () => {
    expect(localizedEntry(text, 'nl', 'en')).to.deep.equal({ tag: 'nl-BE', text: 'Beschadigd' });
    expect(localizedEntry(text, 'fr-CA', 'en')).to.deep.equal({ tag: 'fr', text: 'Endommagé' });
    expect(localizedEntry(text, 'NL-be', 'en')).to.deep.equal({ tag: 'nl-BE', text: 'Beschadigd' });
  });

  it('names the fallback when the reader\'s language is missing, so the page can mark it', () => {
    expect(localizedEntry(text, 'ar', 'en')).to.deep.equal({ tag: 'en', text: 'Damaged' });
    expect(localizedEntry({ de: 'Beschädigt' }, 'ar', 'en')).to.deep.equal({ tag: 'de', text: 'Beschädigt' });
  });

  it('gives the same text as localize for any locale', () => {
    fc.assert(
      fc.property(fc.constantFrom('en', 'nl', 'nl-BE', 'fr', 'fr-CA', 'de', 'ar', 'zh-Hant-TW', 'NL'), (locale) => {
        expect(localizedEntry(text, locale, 'en').text).to.equal(localize(text, locale, 'en'));
      }),
    );
  });
});
