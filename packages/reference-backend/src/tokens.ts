import { Role } from '@amicable/protocol';
import { decodeBase64Url, encodeBase64Url, utf8 } from './base64url.js';
import type { Signer } from './signer.js';

/** What a token grants: one role on one order, until `exp` (Unix seconds). */
export interface TokenClaims {
  readonly orderId: string;
  readonly role: Role;
  readonly exp: number;
}

const PREFIX = 'amc1';

/**
 * Mints `amc1.<payload>.<signature>`: the payload is base64url JSON `{o, r, exp}` and the
 * signature the HMAC-SHA256 of `"amc1." + payload`, both base64url.
 */
export async function mintToken(signer: Signer, claims: TokenClaims): Promise<string> {
  const payload = encodeBase64Url(utf8(JSON.stringify({ o: claims.orderId, r: claims.role, exp: claims.exp })));
  const signed = `${PREFIX}.${payload}`;
  return `${signed}.${await signer.sign(signed)}`;
}

/** Why a token was refused, for the 401's detail. */
export type TokenFault = 'malformed' | 'bad_signature' | 'expired';

/**
 * The claims of `token` when it is well formed, signed with our secret and not expired at
 * `nowSeconds`; otherwise why not.
 */
export async function verifyToken(
  signer: Signer,
  token: string,
  nowSeconds: number,
): Promise<{ readonly ok: true; readonly claims: TokenClaims } | { readonly ok: false; readonly fault: TokenFault }> {
  const parts = token.split('.');
  const [prefix, payload, signature] = parts;
  if (parts.length !== 3 || prefix !== PREFIX || payload === undefined || signature === undefined) {
    return { ok: false, fault: 'malformed' };
  }
  const claims = claimsOf(payload);
  if (claims === null) return { ok: false, fault: 'malformed' };
  // The signature is checked before the expiry so that a forged token learns nothing.
  if (!(await signer.verify(`${prefix}.${payload}`, signature))) return { ok: false, fault: 'bad_signature' };
  if (claims.exp <= nowSeconds) return { ok: false, fault: 'expired' };
  return { ok: true, claims };
}

function claimsOf(payload: string): TokenClaims | null {
  const bytes = decodeBase64Url(payload);
  if (bytes === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const { o, r, exp } = json as Record<string, unknown>;
  const role = Role.safeParse(r);
  if (typeof o !== 'string' || o.length === 0 || !role.success || !Number.isSafeInteger(exp)) return null;
  return { orderId: o, role: role.data, exp: exp as number };
}
