import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { defineElement, nestedTag, prefixedTag } from './registration.js';

let serial = 0;
const uniqueTag = (base: string) => `test-${base}-${++serial}`;

describe('registration', () => {
  it('registers a class under its tag', () => {
    class Widget extends LitElement {}
    const tag = uniqueTag('widget');
    expect(defineElement(tag, Widget)).to.equal(Widget);
    expect(customElements.get(tag)).to.equal(Widget);
  });

  it('does not throw when the same class is registered again under the same tag (the script loaded twice)', () => {
    class Widget extends LitElement {}
    const tag = uniqueTag('widget');
    defineElement(tag, Widget);
    expect(() => defineElement(tag, Widget)).not.to.throw();
    expect(customElements.get(tag)).to.equal(Widget);
  });

  it('leaves a tag the page already owns alone, and says how to use a prefix', () => {
    class Theirs extends HTMLElement {}
    class Ours extends LitElement {}
    const tag = uniqueTag('owned');
    customElements.define(tag, Theirs);
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      expect(defineElement(tag, Ours)).to.equal(undefined);
    } finally {
      console.warn = warn;
    }
    expect(customElements.get(tag)).to.equal(Theirs);
    expect(String(warnings[0])).to.contain('prefix');
  });

  it('registers the same class under a second tag through a subclass that behaves the same', async () => {
    class Greeting extends LitElement {
      override render() {
        return 'hello';
      }
    }
    const first = uniqueTag('greeting');
    const second = uniqueTag('greeting');
    defineElement(first, Greeting);
    const registered = defineElement(second, Greeting)!;
    expect(registered).not.to.equal(Greeting);
    const element = await fixture(`<${second}></${second}>`);
    expect(element).to.be.instanceOf(Greeting);
    expect(element.shadowRoot!.textContent).to.equal('hello');
  });

  it('makes prefixed tags, with or without the trailing dash', () => {
    expect(prefixedTag('photoUploader')).to.equal('photo-uploader');
    expect(prefixedTag('photoUploader', 'acme')).to.equal('acme-photo-uploader');
    expect(prefixedTag('disputeOpener', 'acme-')).to.equal('acme-dispute-opener');
    expect(prefixedTag('proposalPicker', ' ')).to.equal('proposal-picker');
  });

  it('nests an element under the prefix of the element that nests it', async () => {
    const host = await fixture(html`<div></div>`);
    expect(nestedTag(host as HTMLElement, 'photoUploader')).to.equal('photo-uploader');
    const prefixed = document.createElement('acme-dispute-opener');
    expect(nestedTag(prefixed, 'photoUploader')).to.equal('acme-photo-uploader');
    expect(nestedTag(document.createElement('dispute-opener'), 'photoUploader')).to.equal('photo-uploader');
  });
});
