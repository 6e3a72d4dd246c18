import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendMouse } from '@web/test-runner-commands';
import { LitElement, html as litHtml } from 'lit';
import { controlStyles } from './controls.styles.js';
import { themeStyles } from './theme.styles.js';

class Themed extends LitElement {
  static override styles = [themeStyles, controlStyles];
  override render() {
    return litHtml`<p>Text</p><button>Press</button>`;
  }
}
customElements.define('test-themed', Themed);

const style = (element: Themed, selector: string) => getComputedStyle(element.shadowRoot!.querySelector(selector)!);

describe('theme tokens', () => {
  afterEach(async () => {
    await resetMouse();
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  it('is light by default, and reads the page\'s global tokens over its own fallbacks', async () => {
    const plain = await fixture<Themed>(html`<test-themed></test-themed>`);
    expect(style(plain, 'p').color).to.equal('rgb(27, 30, 36)');
    const page = await fixture(html`<div class="themed-page"><test-themed></test-themed></div>`);
    (page as HTMLElement).style.setProperty('--amicable-color-text', 'rgb(1, 2, 3)');
    expect(style(page.querySelector('test-themed')!, 'p').color).to.equal('rgb(1, 2, 3)');
  });

  it('follows the system\'s dark preference, unless the host forces light', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const page = await fixture(html`<div><test-themed></test-themed><test-themed theme="light"></test-themed></div>`);
    const [auto, light] = page.querySelectorAll<Themed>('test-themed');
    expect(style(auto!, 'p').color).to.equal('rgb(236, 238, 242)');
    expect(style(light!, 'p').color).to.equal('rgb(27, 30, 36)');
  });

  it('is dark when the host says so, whatever the system prefers', async () => {
    const dark = await fixture<Themed>(html`<test-themed theme="dark"></test-themed>`);
    expect(style(dark, 'p').color).to.equal('rgb(236, 238, 242)');
    expect(getComputedStyle(dark).colorScheme).to.equal('dark');
  });

  it('drops its transitions when the system asks for reduced motion', async () => {
    const moving = await fixture<Themed>(html`<test-themed></test-themed>`);
    const box = moving.shadowRoot!.querySelector('button')!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    expect(style(moving, 'button').transitionDuration).to.equal('0.15s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(style(moving, 'button').transitionDuration).to.equal('0s');
  });

  it('gives every button a target of at least 44 by 44 pixels', async () => {
    const element = await fixture<Themed>(html`<test-themed></test-themed>`);
    const box = element.shadowRoot!.querySelector('button')!.getBoundingClientRect();
    expect(box.height).to.be.at.least(44);
    expect(box.width).to.be.at.least(44);
  });
});
