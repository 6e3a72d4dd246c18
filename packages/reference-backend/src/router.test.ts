import { expect } from '@open-wc/testing';
import { ENDPOINTS, endpointPath, type EndpointName } from '@amicable/protocol';
import { matchRoute, routeNameOf } from './router.js';

const BASE = 'https://shop.example/api/mediation';

describe('router', function () {
  it('matches every endpoint of the contract by method and path, with the order id decoded', function () {
    for (const [name, spec] of Object.entries(ENDPOINTS) as [EndpointName, (typeof ENDPOINTS)[EndpointName]][]) {
      const match = matchRoute(spec.method, endpointPath(spec.path, 'ord 7/ä'));
      expect(match, name).to.deep.equal({ kind: 'endpoint', name, orderId: 'ord 7/ä' });
    }
    expect(matchRoute('GET', '/orders/o-1/dispute/events')).to.deep.equal({ kind: 'disputeEvents', orderId: 'o-1' });
    expect(matchRoute('GET', '/photos/ph-1')).to.deep.equal({ kind: 'getPhoto', photoId: 'ph-1' });
    expect(matchRoute('PUT', '/uploads/ph-1')).to.deep.equal({ kind: 'putUpload', photoId: 'ph-1' });
  });

  it('matches nothing else', function () {
    for (const [method, path] of [['PUT', '/orders/o/dispute'], ['GET', '/orders/o/dispute/'], ['GET', '/orders/o'], ['POST', '/photos/p'], ['GET', '/orders/%ZZ/context']]) {
      expect(matchRoute(method!, path!), `${method} ${path}`).to.equal(null);
    }
  });

  it('names the route of a request under a base URL, and nothing outside it', function () {
    const name = (url: string, method = 'GET') => routeNameOf(new Request(url, { method }), BASE);
    expect(name(`${BASE}/orders/o-1/context`)).to.equal('getContext');
    expect(name(`${BASE}/orders/o-1/dispute`, 'POST')).to.equal('openDispute');
    expect(name(`${BASE}/orders/o-1/dispute`)).to.equal('getDispute');
    expect(name(`${BASE}/photos/p?sig=x`)).to.equal('getPhoto');
    expect(name(`${BASE}/uploads/p?exp=1&sig=x`, 'PUT')).to.equal('putUpload');
    expect(name('https://shop.example/api/orders/o-1/context')).to.equal(null);
    expect(name('https://shop.example/api/mediationx/orders/o-1/context')).to.equal(null);
  });

  it('names the route by the end of the path when no base URL is given', function () {
    const name = (url: string, method = 'GET') => routeNameOf(new Request(url, { method }));
    expect(name('https://any.example/x/y/orders/o-1/dispute/response', 'POST')).to.equal('respond');
    expect(name('https://any.example/orders/o-1/dispute/events')).to.equal('disputeEvents');
    expect(name('https://any.example/base/orders/o-1/photos', 'POST')).to.equal('uploadPhoto');
    expect(name('https://any.example/photos/p-1')).to.equal('getPhoto');
    expect(name('https://any.example/index.js')).to.equal(null);
  });
});
