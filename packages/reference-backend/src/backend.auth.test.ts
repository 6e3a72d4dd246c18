import { expect } from '@open-wc/testing';
import { ENDPOINTS, endpointPath, Role, type EndpointName } from '@amicable/protocol';
import { createReferenceBackend } from './backend.js';
import { BASE, EUR_ORDER, expectProblem, expectStatus, harness, JPY_ORDER } from './backend.test-support.js';
import { createMemoryStore } from './memory-store.js';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';
import { referenceSeed } from './seed.js';

const names = Object.keys(ENDPOINTS) as EndpointName[];
const roles = Role.options;

describe('reference backend: authorization', function () {
  describe('roles', function () {
    for (const name of names) {
      const refused = roles.filter((role) => !ENDPOINTS[name].roles.includes(role));
      if (refused.length === 0) continue;
      it(`refuses ${name} to ${refused.join(' and ')} with 403 forbidden-role`, async function () {
        const { endpoint } = await harness();
        for (const role of refused) {
          const problem = await expectProblem(await endpoint(name, role, {}), 403, 'forbidden-role');
          expect(problem.detail, role).to.contain(`the ${role} may not do this`);
        }
      });
    }

    it('lets each role read the context and learn its own role', async function () {
      const { endpoint } = await harness();
      for (const role of roles) {
        const context = await expectStatus(await endpoint('getContext', role), 200);
        expect(context.role).to.equal(role);
      }
    });

    it('refuses a token for another order with 403 on every route, whatever its role', async function () {
      const { call, token } = await harness();
      for (const name of names) {
        for (const role of roles) {
          const spec = ENDPOINTS[name];
          const headers = { Authorization: `Bearer ${await token(role, JPY_ORDER)}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'k' };
          const path = endpointPath(spec.path, EUR_ORDER);
          const problem = await expectProblem(await call(spec.method, path, null, { headers, body: spec.method === 'POST' ? '{}' : null }), 403, 'forbidden-role');
          expect(problem.detail, `${name} as ${role}`).to.equal('the token is for another order');
        }
      }
      const events = await call('GET', `/orders/${EUR_ORDER}/dispute/events`, 'buyer', { orderId: JPY_ORDER });
      await expectProblem(events, 403, 'forbidden-role');
    });
  });

  describe('tokens', function () {
    it('refuses a request without a token, or with one that is not ours, with 401 and a Bearer challenge', async function () {
      const { call, token } = await harness();
      const other = createReferenceBackend({ store: createMemoryStore(), secret: 'another-secret', baseUrl: BASE });
      const valid = await token('buyer');
      const [prefix, payload, signature] = valid.split('.') as [string, string, string];
      const claims = JSON.parse(new TextDecoder().decode(decodeBase64Url(payload) ?? new Uint8Array()));
      const asSupport = encodeBase64Url(new TextEncoder().encode(JSON.stringify({ ...claims, r: 'support' })));
      const authorizations: (string | undefined)[] = [
        undefined,
        '',
        'Bearer',
        `Basic ${btoa('buyer:secret')}`,
        'Bearer not-a-token',
        `Bearer ${prefix}.${payload}`,
        `Bearer amc2.${payload}.${signature}`,
        `Bearer ${prefix}.${payload}.${signature.slice(0, -2)}`,
        `Bearer ${prefix}.${asSupport}.${signature}`,
        `Bearer ${prefix}.${encodeBase64Url(new TextEncoder().encode('{"o":"ord-1001","r":"admin","exp":99999999999}'))}.${signature}`,
        `Bearer ${prefix}.%%%.${signature}`,
        `Bearer ${await other.mintToken(EUR_ORDER, 'buyer')}`,
        `Bearer ${valid} extra`,
      ];
      for (const authorization of authorizations) {
        const headers: Record<string, string> = authorization === undefined ? {} : { Authorization: authorization };
        const response = await call('GET', `/orders/${EUR_ORDER}/context`, null, { headers });
        expect(response.headers.get('WWW-Authenticate'), String(authorization)).to.equal('Bearer error="invalid_token"');
        await expectProblem(response, 401, 'unauthorized');
      }
    });

    it('accepts the scheme in any case, and a token until it expires by the backend clock', async function () {
      const { backend, call, clock } = await harness();
      const token = await backend.mintToken(EUR_ORDER, 'seller', 60);
      await expectStatus(await call('GET', `/orders/${EUR_ORDER}/context`, null, { headers: { Authorization: `bearer ${token}` } }), 200);
      clock.advance(59_000);
      await expectStatus(await call('GET', `/orders/${EUR_ORDER}/context`, null, { headers: { Authorization: `Bearer ${token}` } }), 200);
      clock.advance(1_000);
      const expired = await expectProblem(await call('GET', `/orders/${EUR_ORDER}/context`, null, { headers: { Authorization: `Bearer ${token}` } }), 401, 'unauthorized');
      expect(expired.detail).to.equal('the token has expired');
    });

    it('mints tokens in the documented format: amc1, the claims, an HMAC', async function () {
      const { backend, clock } = await harness();
      const token = await backend.mintToken('ord/with space', 'support', 120);
      const [prefix, payload, signature] = token.split('.');
      expect(prefix).to.equal('amc1');
      const claims = JSON.parse(new TextDecoder().decode(decodeBase64Url(payload ?? '') ?? new Uint8Array()));
      expect(claims).to.deep.equal({ o: 'ord/with space', r: 'support', exp: Date.parse(clock().toISOString()) / 1000 + 120 });
      expect(decodeBase64Url(signature ?? '')?.length).to.equal(32);
    });
  });

  describe('routes', function () {
    it('answers 404 for paths and methods the contract does not have, before looking at the token', async function () {
      const { call } = await harness();
      const misses: [string, string][] = [
        ['GET', `/orders/${EUR_ORDER}/unknown`],
        ['GET', '/orders'],
        ['GET', '/'],
        ['PUT', `/orders/${EUR_ORDER}/context`],
        ['DELETE', `/orders/${EUR_ORDER}/dispute`],
        ['GET', `/orders/${EUR_ORDER}/dispute/response`],
        ['GET', `/orders//context`],
        ['GET', `/orders/%E0%A4%A/context`],
      ];
      for (const [method, path] of misses) await expectProblem(await call(method, path, null), 404, 'not-found');
      const outside = await createReferenceBackend({ store: createMemoryStore(), secret: 's', baseUrl: BASE }).handle(new Request('http://backend.test/other/orders/x/context'));
      await expectProblem(outside, 404, 'not-found');
    });

    it('answers 404 for an order it does not know, to a token for that order', async function () {
      const { endpoint } = await harness();
      await expectProblem(await endpoint('getContext', 'buyer', undefined, { orderId: 'ord-unknown' }), 404, 'not-found');
    });

    it('matches paths under a base URL with a trailing slash, and percent-encoded order ids', async function () {
      const store = createMemoryStore();
      const backend = createReferenceBackend({ store, secret: 's', baseUrl: 'http://shop.test/api/mediation/' });
      await backend.seed({ trees: referenceSeed.trees, orders: [{ ...referenceSeed.orders[0]!, orderId: 'ord 1/ü' }] });
      const token = await backend.mintToken('ord 1/ü', 'buyer');
      const response = await backend.handle(new Request(`http://shop.test/api/mediation/orders/${encodeURIComponent('ord 1/ü')}/context`, { headers: { Authorization: `Bearer ${token}` } }));
      expect((await expectStatus(response, 200)).orderId).to.equal('ord 1/ü');
    });
  });

  describe('CORS', function () {
    it('answers a preflight with the methods and headers the contract uses', async function () {
      const { backend } = await harness();
      const response = await backend.handle(new Request(`${BASE}/orders/${EUR_ORDER}/dispute`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, idempotency-key, content-type' },
      }));
      expect(response.status).to.equal(204);
      expect(response.headers.get('Access-Control-Allow-Origin')).to.equal('*');
      expect(response.headers.get('Access-Control-Allow-Methods')).to.equal('GET, POST, PUT, OPTIONS');
      expect(response.headers.get('Access-Control-Allow-Headers')).to.equal('Authorization, Content-Type, Idempotency-Key, If-None-Match');
      expect(await response.text()).to.equal('');
    });

    it('allows the origin and exposes the contract headers on every response, errors included', async function () {
      const { endpoint, call } = await harness();
      for (const response of [await endpoint('getContext', 'buyer'), await endpoint('getContext', null), await call('GET', '/nowhere', null)]) {
        expect(response.headers.get('Access-Control-Allow-Origin')).to.equal('*');
        expect(response.headers.get('Access-Control-Expose-Headers')).to.equal('ETag, Location, Retry-After, Link, Idempotent-Replayed');
      }
    });

    it('allows only the configured origin when one is given, and says the answer varies by origin', async function () {
      const { endpoint } = await harness({ allowedOrigin: 'https://shop.example' });
      const response = await endpoint('getContext', 'buyer');
      expect(response.headers.get('Access-Control-Allow-Origin')).to.equal('https://shop.example');
      expect(response.headers.get('Vary')).to.equal('Origin');
    });
  });

  describe('failures', function () {
    it('answers an unexpected error with 500 internal, and reports it', async function () {
      const reported: unknown[] = [];
      const store = createMemoryStore();
      const { endpoint } = await harness({
        store: { ...store, getOrder: () => Promise.reject(new Error('disk on fire')) },
        onError: (error) => reported.push(error),
      });
      await expectProblem(await endpoint('getContext', 'buyer'), 500, 'internal');
      expect(reported.map((e) => (e as Error).message)).to.deep.equal(['disk on fire']);
    });

    it('answers 500 rather than throw when a stored response cannot be sent', async function () {
      const reported: unknown[] = [];
      const store = createMemoryStore();
      const { endpoint } = await harness({
        store: {
          ...store,
          claimIdempotencyKey: async () => false,
          getIdempotencyRecord: async () => ({
            fingerprint: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
            response: { status: 200, headers: { 'X-Broken': 'line\nbreak' }, body: '{}' },
            createdAt: '2026-11-26T09:00:00.000Z',
          }),
        },
        onError: (error) => reported.push(error),
      });
      await expectProblem(await endpoint('withdraw', 'buyer', {}), 500, 'internal');
      expect(reported).to.have.length(1);
    });
  });
});
