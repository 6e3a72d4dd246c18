import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../test-support/wait.test-support.js';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { Translations } from './catalog.js';
import { loadCatalog } from './catalog-loader.js';
import { LocalizationController } from './localization-controller.js';

class Speaker extends LitElement {
  @property() locale?: string;
  @property({ attribute: false }) translations?: Translations;
  readonly l10n = new LocalizationController(this);

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('locale') || changed.has('translations')) this.l10n.refresh();
  }

  override render() {
    return html`<p>${this.l10n.value.t('common.retry')}</p><slot></slot>`;
  }
}
customElements.define('test-speaker', Speaker);

const said = (element: Speaker) => element.shadowRoot!.querySelector('p')!.textContent;

describe('LocalizationController', () => {
  it('speaks English at once, with the requested locale\'s formats', async () => {
    const element = await fixture<Speaker>(html`<test-speaker locale="en-GB"></test-speaker>`);
    expect(said(element)).to.equal('Try again');
    expect(element.l10n.value.locale).to.equal('en-GB');
  });

  it('loads another language on demand and re-renders in it', async () => {
    const element = await fixture<Speaker>(html`<test-speaker locale="nl-BE"></test-speaker>`);
    await waitUntil(() => said(element) === 'Opnieuw proberen', 'Dutch strings did not arrive');
    expect(element.l10n.value.locale).to.equal('nl-BE');
  });

  it('follows the nearest lang in the page when it has no locale of its own', async () => {
    const page = await fixture(html`<div lang="fr"><test-speaker></test-speaker></div>`);
    const element = page.querySelector<Speaker>('test-speaker')!;
    await waitUntil(() => said(element) === 'Réessayer');
  });

  it('switches when its locale changes, and a late answer for the old one does not win', async () => {
    const element = await fixture<Speaker>(html`<test-speaker locale="de"></test-speaker>`);
    element.locale = 'fr';
    await waitUntil(() => said(element) === 'Réessayer');
    await loadCatalog('de');
    await element.updateComplete;
    expect(said(element)).to.equal('Réessayer');
  });

  it('lets the host replace any string, the most specific tag winning', async () => {
    const element = await fixture<Speaker>(html`<test-speaker locale="nl-BE"></test-speaker>`);
    element.translations = { nl: { 'common.retry': 'Nog eens' }, 'nl-BE': { 'common.retry': 'Nog ne keer' } };
    await waitUntil(() => said(element) === 'Nog ne keer');
    element.translations = { nl: { 'common.retry': 'Nog eens' } };
    await waitUntil(() => said(element) === 'Nog eens');
  });

  it('adds a language the elements do not ship through translations, English filling the gaps', async () => {
    const element = await fixture<Speaker>(html`<test-speaker locale="es" .translations=${{ es: { 'common.retry': 'Reintentar' } }}></test-speaker>`);
    await waitUntil(() => said(element) === 'Reintentar');
    expect(element.l10n.value.t('common.back')).to.equal('Back');
  });

  it('shares its language with nested elements, which follow it when it changes', async () => {
    const outer = await fixture<Speaker>(html`<test-speaker locale="de"><test-speaker></test-speaker></test-speaker>`);
    const inner = outer.querySelector<Speaker>('test-speaker')!;
    await waitUntil(() => said(inner) === 'Erneut versuchen', 'the nested element did not follow');
    outer.locale = 'nl';
    await waitUntil(() => said(inner) === 'Opnieuw proberen');
  });

  it('lets a nested element with its own locale speak that one', async () => {
    const outer = await fixture<Speaker>(html`<test-speaker locale="de"><test-speaker locale="fr"></test-speaker></test-speaker>`);
    const inner = outer.querySelector<Speaker>('test-speaker')!;
    await waitUntil(() => said(inner) === 'Réessayer' && said(outer) === 'Erneut versuchen');
  });
});
