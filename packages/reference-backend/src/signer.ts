import { decodeBase64Url, encodeBase64Url, utf8 } from './base64url.js';

/** HMAC-SHA256 with the backend's secret: tokens, photo URLs and upload tickets are signed with it. */
export interface Signer {
  /** The signature of `message`, base64url. */
  sign(message: string): Promise<string>;
  /** Whether `signature` (base64url) is the signature of `message`; compared in constant time by WebCrypto. */
  verify(message: string, signature: string): Promise<boolean>;
}

/**
 * A signer for `secret`. The key is imported once, lazily, through WebCrypto so that it works in
 * browsers and in Node alike.
 */
export function createSigner(secret: string): Signer {
  if (secret.length === 0) throw new TypeError('the signing secret may not be empty');
  let key: Promise<CryptoKey> | undefined;
  const keyOf = () =>
    (key ??= crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
  return {
    async sign(message) {
      const signature = await crypto.subtle.sign('HMAC', await keyOf(), utf8(message));
      return encodeBase64Url(new Uint8Array(signature));
    },
    async verify(message, signature) {
      const bytes = decodeBase64Url(signature);
      // Only the canonical spelling: the last character's unused bits could otherwise vary.
      if (bytes === null || encodeBase64Url(bytes) !== signature) return false;
      return crypto.subtle.verify('HMAC', await keyOf(), new Uint8Array(bytes), utf8(message));
    },
  };
}
