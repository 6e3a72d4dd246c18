import type { Reply } from './reply.js';

const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-None-Match';
const EXPOSED_HEADERS = 'ETag, Location, Retry-After, Link, Idempotent-Replayed';

/**
 * The CORS headers of every response. Tokens are bearer tokens and no cookies are used, so any
 * origin may be allowed; a host can name its own.
 */
export function corsHeaders(allowedOrigin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': allowedOrigin,
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    ...(allowedOrigin === '*' ? {} : { Vary: 'Origin' }),
  };
}

/** The answer to a preflight `OPTIONS`. */
export function preflightReply(): Reply {
  return {
    status: 204,
    headers: {
      'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
    },
    body: null,
  };
}
