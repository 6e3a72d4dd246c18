import { expect } from '@open-wc/testing';
import { eventsLink } from './events-link.js';

describe('eventsLink', () => {
  const read = 'https://backend.test/api/orders/o-1/dispute';
  const trusted = ['https://backend.test/api', read];
  const link = (target: string): string => `<${target}>; rel="events"`;

  it('gives a link on the base URL\'s origin, absolute or relative', () => {
    expect(eventsLink(link('https://backend.test/api/orders/o-1/dispute/events'), read, trusted)).to.equal('https://backend.test/api/orders/o-1/dispute/events');
    expect(eventsLink(link('events'), `${read}/`, trusted)).to.equal('https://backend.test/api/orders/o-1/dispute/events');
  });

  it('gives null for a link to another host, scheme or port', () => {
    for (const target of ['https://elsewhere.test/events', 'http://backend.test/api/events', 'https://backend.test:8443/api/events', '//elsewhere.test/events']) {
      expect(eventsLink(link(target), read, trusted), target).to.equal(null);
    }
  });

  it('gives null for a link with an opaque origin', () => {
    expect(eventsLink(link('data:text/event-stream,event:%20dispute'), read, trusted)).to.equal(null);
  });

  it('takes the origin of any trusted URL, a relative one resolved against the page', () => {
    expect(eventsLink(link('https://cases.test/e'), 'https://cases.test/o-1', ['https://backend.test/api', 'https://cases.test/o-1'])).to.equal('https://cases.test/e');
    expect(eventsLink(link(`${location.origin}/api/e`), `${location.origin}/api/o-1`, ['/api'])).to.equal(`${location.origin}/api/e`);
  });

  it('gives null without a link', () => {
    expect(eventsLink(null, read, trusted)).to.equal(null);
  });
});
