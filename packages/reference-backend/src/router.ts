import { DISPUTE_EVENTS_PATH, ENDPOINTS, type EndpointName } from '@amicable/protocol';

/** A route of the reference backend: an endpoint of the contract, or one of the backend's own. */
export type RouteName = EndpointName | 'disputeEvents' | 'getPhoto' | 'putUpload';

/** The path a token-free photo is served at, under the base URL. */
export const PHOTO_PATH = '/photos/{photoId}';
/** The path a pre-signed upload is PUT to, under the base URL. */
export const UPLOAD_PATH = '/uploads/{photoId}';

/** A request matched to its route, with the path's parameter decoded. */
export type RouteMatch =
  | { readonly kind: 'endpoint'; readonly name: EndpointName; readonly orderId: string }
  | { readonly kind: 'disputeEvents'; readonly orderId: string }
  | { readonly kind: 'getPhoto'; readonly photoId: string }
  | { readonly kind: 'putUpload'; readonly photoId: string };

interface Route {
  readonly name: RouteName;
  readonly method: string;
  readonly segments: readonly string[];
}

const segmentsOf = (path: string): string[] => path.split('/').filter((s) => s !== '');

const ROUTES: readonly Route[] = [
  ...(Object.entries(ENDPOINTS) as [EndpointName, (typeof ENDPOINTS)[EndpointName]][]).map(([name, e]) => ({
    name,
    method: e.method,
    segments: segmentsOf(e.path),
  })),
  { name: 'disputeEvents', method: 'GET', segments: segmentsOf(DISPUTE_EVENTS_PATH) },
  { name: 'getPhoto', method: 'GET', segments: segmentsOf(PHOTO_PATH) },
  { name: 'putUpload', method: 'PUT', segments: segmentsOf(UPLOAD_PATH) },
];

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The decoded parameter when `segments` fit `route`, `undefined` when they do not. */
function fit(route: Route, segments: readonly string[]): string | null | undefined {
  if (segments.length !== route.segments.length) return undefined;
  let parameter: string | null = null;
  for (const [index, pattern] of route.segments.entries()) {
    const segment = segments[index] ?? '';
    if (pattern.startsWith('{')) {
      parameter = decode(segment);
      if (parameter === null || parameter === '') return undefined;
    } else if (pattern !== segment) {
      return undefined;
    }
  }
  return parameter;
}

function matchOf(route: Route, parameter: string): RouteMatch {
  switch (route.name) {
    case 'disputeEvents':
      return { kind: 'disputeEvents', orderId: parameter };
    case 'getPhoto':
      return { kind: 'getPhoto', photoId: parameter };
    case 'putUpload':
      return { kind: 'putUpload', photoId: parameter };
    default:
      return { kind: 'endpoint', name: route.name, orderId: parameter };
  }
}

/** The route of `method` on `path` (relative to the base URL, starting with `/`), or `null`. */
export function matchRoute(method: string, path: string): RouteMatch | null {
  const segments = path.split('/').slice(1);
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const parameter = fit(route, segments);
    if (typeof parameter === 'string') return matchOf(route, parameter);
  }
  return null;
}

/** `url` without the slashes it ends with, so that paths can be appended to it. */
export function withoutTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The path of the base URL without a trailing slash (`''` for the root). */
export function basePathOf(baseUrl: string): string {
  return withoutTrailingSlashes(new URL(baseUrl).pathname);
}

/** `url`'s path relative to `basePath` (starting with `/`), or `null` when it is not under it. */
export function relativePath(url: URL, basePath: string): string | null {
  const path = url.pathname;
  if (!path.startsWith(basePath)) return null;
  const rest = path.slice(basePath.length);
  return rest.startsWith('/') ? rest : null;
}

function nameOf(match: RouteMatch): RouteName {
  return match.kind === 'endpoint' ? match.name : match.kind;
}

/**
 * The route a request is for: the endpoint's name from `ENDPOINTS` (`getContext`, `respond`…),
 * `disputeEvents`, `getPhoto` or `putUpload`; `null` for anything else. With `baseUrl`, the
 * request's path must lie under the base URL's path; without it, the end of the path is matched,
 * whatever the prefix.
 */
export function routeNameOf(request: Request, baseUrl?: string): RouteName | null {
  const url = new URL(request.url);
  if (baseUrl !== undefined) {
    const path = relativePath(url, basePathOf(baseUrl));
    const match = path === null ? null : matchRoute(request.method, path);
    return match === null ? null : nameOf(match);
  }
  const segments = url.pathname.split('/').slice(1);
  // Longest routes first, so that a short pattern never claims the tail of a longer one.
  const byLength = [...ROUTES].sort((a, b) => b.segments.length - a.segments.length);
  for (const route of byLength) {
    if (route.method !== request.method || segments.length < route.segments.length) continue;
    if (typeof fit(route, segments.slice(segments.length - route.segments.length)) === 'string') return route.name;
  }
  return null;
}
