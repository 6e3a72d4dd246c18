import { endpointPath, ROUTES, type EndpointName } from '@amicable/protocol';

/**
 * Where a host's backend serves one operation, when not where the contract says: a path under
 * the base URL with `{orderId}` to fill in (or an absolute URL), and the method if it differs.
 */
export interface RouteOverride {
  readonly method?: 'GET' | 'POST';
  readonly path: string;
}

/** Route overrides by endpoint name; endpoints not named keep the contract's method and path. */
export type RouteOverrides = Partial<Record<EndpointName, RouteOverride>>;

/** The method and URL of one request. */
export interface ResolvedRoute {
  readonly method: 'GET' | 'POST';
  readonly url: string;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The method and URL of `name` for `orderId`: the host's override or the contract's route, the
 * path joined to `baseUrl` (a relative base such as `/api` is resolved by the browser), every
 * `{orderId}` percent-encoded.
 */
export function resolveRoute(baseUrl: string, routes: RouteOverrides | undefined, name: EndpointName, orderId: string): ResolvedRoute {
  const override = routes?.[name];
  const method = override?.method ?? ROUTES[name].method;
  return { method, url: urlFor(baseUrl, override?.path ?? ROUTES[name].path, orderId) };
}

/** `path` with every `{orderId}` filled in by the contract's `endpointPath`, under `baseUrl` unless it is absolute. */
export function urlFor(baseUrl: string, path: string, orderId: string): string {
  const filled = endpointPath(path, orderId);
  if (ABSOLUTE.test(filled)) return filled;
  return `${baseUrl.replace(/\/+$/, '')}/${filled.replace(/^\/+/, '')}`;
}

/** A URL for messages: without its query string, which may hold a signature. */
export function withoutQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
