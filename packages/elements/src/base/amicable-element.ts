import { createClient, type MediationClient, type TokenSource } from '@amicable/client';
import { failureOf } from '@amicable/machine';
import { consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { clientContext } from '../context/contexts.js';
import { AmicableErrorEvent } from '../events/amicable-error.js';
import type { Translations } from '../localization/catalog.js';
import { failureMessageKey } from '../localization/failure-message.js';
import { LocalizationController } from '../localization/localization-controller.js';

/**
 * What the three elements share: where they get their client, their language, their theme, and
 * how they report errors. Not registered on its own.
 */
export class AmicableElement extends LitElement {
  /** The order this element mediates. */
  @property({ attribute: 'order-id', reflect: true }) orderId = '';

  /**
   * The language to speak (a BCP 47 tag such as `nl` or `fr-BE`). Without it: the language of the
   * element this one is nested in, else the nearest `lang` attribute in the page, else the
   * browser's. English, Dutch, French, German and Arabic ship; other tags speak English with
   * their own number and date formats, unless `translations` has them.
   */
  @property({ reflect: true }) locale?: string;

  /** Strings to replace, per locale tag: `{ nl: { 'opener.submit': 'Versturen' } }`. */
  @property({ attribute: false }) translations?: Translations;

  /** `light` or `dark` forces a scheme; without it the system preference decides. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** The backend's base URL, used with `getToken` when no `client` is given. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /**
   * Gives the element a token for its order: `({ orderId, refresh }) => Promise<string>`.
   * With `api-base`, all a script-tag page needs.
   */
  @property({ attribute: false }) getToken?: TokenSource;

  /** The client to talk through; wins over a provided one and over `api-base`. */
  @property({ attribute: false }) client?: MediationClient;

  /** A client provided by an enclosing element or the host page (see `clientContext`). */
  @consume({ context: clientContext, subscribe: true })
  @state()
  protected providedClient?: MediationClient;

  protected readonly l10n = new LocalizationController(this);

  #ownClient: { apiBase: string; getToken: TokenSource; client: MediationClient } | undefined;

  /** The client in effect, or `undefined` while the element lacks one. */
  protected get activeClient(): MediationClient | undefined {
    if (this.client !== undefined) return this.client;
    if (this.providedClient !== undefined) return this.providedClient;
    const { apiBase, getToken } = this;
    if (apiBase === undefined || apiBase === '' || getToken === undefined) return undefined;
    const own = this.#ownClient;
    if (own !== undefined && own.apiBase === apiBase && own.getToken === getToken) return own.client;
    const client = createClient({ baseUrl: apiBase, getToken });
    this.#ownClient = { apiBase, getToken, client };
    return client;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || changed.has('translations')) this.l10n.refresh();
  }

  /**
   * Reports a failure to the host with `amicable-error` and returns the message the person sees,
   * in their language.
   */
  protected reportError(error: unknown): string {
    const failure = failureOf(error);
    const code = failure.code ?? 'unknown';
    const message = this.l10n.value.t(failureMessageKey(failure.code));
    this.dispatchEvent(new AmicableErrorEvent({ code, message, error }));
    return message;
  }
}
