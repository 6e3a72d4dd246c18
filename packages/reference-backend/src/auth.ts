import type { Role } from '@amicable/protocol';
import { problem, ProblemError } from './problems.js';
import type { Signer } from './signer.js';
import { verifyToken, type TokenClaims } from './tokens.js';

const BEARER = /^Bearer[ ]+([^\s]+)\s*$/i;

function unauthorized(detail: string): ProblemError {
  return new ProblemError(problem('unauthorized', { detail, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }));
}

/**
 * The caller's claims, checked in the contract's order: a token present, well formed, signed and
 * not expired (401), for this order (403), with a role the route allows (403).
 */
export async function authorize(
  signer: Signer,
  request: Request,
  orderId: string,
  roles: readonly Role[],
  now: Date,
): Promise<TokenClaims> {
  const header = request.headers.get('Authorization');
  if (header === null) throw unauthorized('a bearer token is required');
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) throw unauthorized('the Authorization header is not "Bearer <token>"');
  const verified = await verifyToken(signer, token, Math.floor(now.getTime() / 1000));
  if (!verified.ok) {
    throw unauthorized(verified.fault === 'expired' ? 'the token has expired' : 'the token is not valid');
  }
  const { claims } = verified;
  if (claims.orderId !== orderId) throw new ProblemError(problem('forbiddenRole', { detail: 'the token is for another order' }));
  if (!roles.includes(claims.role)) {
    throw new ProblemError(problem('forbiddenRole', { detail: `the ${claims.role} may not do this; only ${roles.join(' or ')} may` }));
  }
  return claims;
}
