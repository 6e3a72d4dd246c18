/** What `getToken` is asked: the order, and whether the last token was refused (then a new one is needed). */
export interface TokenRequest {
  readonly orderId: string;
  readonly refresh: boolean;
}

/**
 * The host's callback: a bearer token for one order, minted by the host's server for the signed-in
 * user's role. Called once per order, and again with `refresh: true` after the backend refuses it.
 */
export type TokenSource = (request: TokenRequest) => string | Promise<string>;

/** Thrown (internally) when `getToken` failed or gave something that is not a token. */
export class TokenUnavailable extends Error {
  constructor(readonly orderId: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : 'getToken did not give a non-empty string', { cause });
    this.name = 'TokenUnavailable';
  }
}

interface Entry {
  readonly promise: Promise<string>;
  /** The token once known; `undefined` while `getToken` is still working. */
  value: string | undefined;
}

/** Tokens by order: one `getToken` call per order, one refresh however many requests were refused with the same token. */
export class TokenCache {
  readonly #source: TokenSource;
  readonly #entries = new Map<string, Entry>();

  constructor(source: TokenSource) {
    this.#source = source;
  }

  /** The order's token: the cached one, or a new one from `getToken({ refresh: false })`. */
  current(orderId: string): Promise<string> {
    return (this.#entries.get(orderId) ?? this.#fetch(orderId, false)).promise;
  }

  /**
   * A token to replace `refused`. Requests refused together share one `getToken({ refresh: true })`;
   * one refused with a token already replaced gets the replacement.
   */
  refresh(orderId: string, refused: string): Promise<string> {
    const entry = this.#entries.get(orderId);
    if (entry !== undefined && entry.value !== refused) return entry.promise;
    return this.#fetch(orderId, true).promise;
  }

  #fetch(orderId: string, refresh: boolean): Entry {
    const entry: Entry = {
      value: undefined,
      promise: Promise.resolve()
        .then(() => this.#source({ orderId, refresh }))
        .then(
          (token) => {
            if (typeof token !== 'string' || token === '') throw new TokenUnavailable(orderId, undefined);
            entry.value = token;
            return token;
          },
          (error: unknown) => {
            throw new TokenUnavailable(orderId, error);
          },
        ),
    };
    // A failure is not cached: the next request asks again.
    entry.promise.catch(() => {
      if (this.#entries.get(orderId) === entry) this.#entries.delete(orderId);
    });
    this.#entries.set(orderId, entry);
    return entry;
  }
}
