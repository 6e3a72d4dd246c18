import { expect } from '@open-wc/testing';
import { TokenCache, TokenUnavailable, type TokenRequest } from './token-cache.js';

function countingSource() {
  const requests: TokenRequest[] = [];
  const source = (request: TokenRequest): Promise<string> => {
    requests.push(request);
    return Promise.resolve(`${request.orderId}:${requests.length}`);
  };
  return { requests, source };
}

describe('TokenCache', () => {
  it('asks getToken once per order and keeps the token', async () => {
    const { requests, source } = countingSource();
    const cache = new TokenCache(source);
    expect(await Promise.all([cache.current('a'), cache.current('a'), cache.current('b')])).to.deep.equal(['a:1', 'a:1', 'b:2']);
    expect(await cache.current('a')).to.equal('a:1');
    expect(requests).to.deep.equal([{ orderId: 'a', refresh: false }, { orderId: 'b', refresh: false }]);
  });

  it('asks for a fresh token once however many requests were refused with the same token', async () => {
    const { requests, source } = countingSource();
    const cache = new TokenCache(source);
    const refused = await cache.current('a');
    expect(await Promise.all([cache.refresh('a', refused), cache.refresh('a', refused)])).to.deep.equal(['a:2', 'a:2']);
    expect(await cache.current('a')).to.equal('a:2');
    expect(requests.filter((request) => request.refresh)).to.have.length(1);
  });

  it('asks again when the replacement is refused as well', async () => {
    const { requests, source } = countingSource();
    const cache = new TokenCache(source);
    const first = await cache.current('a');
    const second = await cache.refresh('a', first);
    expect(await cache.refresh('a', second)).to.equal('a:3');
    expect(requests.map((request) => request.refresh)).to.deep.equal([false, true, true]);
  });

  it('takes a synchronous getToken', async () => {
    expect(await new TokenCache(({ orderId }) => `sync-${orderId}`).current('a')).to.equal('sync-a');
  });

  it('fails with TokenUnavailable when getToken throws, rejects or gives no text, and asks again next time', async () => {
    let calls = 0;
    const answers: (() => string | Promise<string>)[] = [
      () => {
        throw new Error('signed out');
      },
      () => Promise.reject(new Error('offline')),
      () => '',
      () => 42 as unknown as string,
      () => 'finally',
    ];
    const cache = new TokenCache(() => answers[calls++]!());
    for (let i = 0; i < 4; i += 1) {
      const error = await cache.current('a').then(() => null, (e: unknown) => e);
      expect(error).to.be.instanceOf(TokenUnavailable);
    }
    expect(await cache.current('a')).to.equal('finally');
  });
});
