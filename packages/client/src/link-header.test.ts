import { expect } from '@open-wc/testing';
import { linkTarget } from './link-header.js';

describe('linkTarget', () => {
  const base = 'https://backend.test/api/orders/o-1/dispute';

  it('finds the link with the relation', () => {
    expect(linkTarget('<https://backend.test/api/orders/o-1/dispute/events>; rel="events"', 'events', base)).to.equal(
      'https://backend.test/api/orders/o-1/dispute/events',
    );
  });

  it('resolves a relative target against the answering URL', () => {
    expect(linkTarget('</api/orders/o-1/dispute/events>; rel=events', 'events', base)).to.equal('https://backend.test/api/orders/o-1/dispute/events');
  });

  it('picks the right one of several links, whatever the order of their parameters', () => {
    const header = '<https://a.test/help>; rel="help", <https://a.test/e>; type="text/event-stream"; rel="alternate events"';
    expect(linkTarget(header, 'events', base)).to.equal('https://a.test/e');
  });

  it('compares relations without regard to case', () => {
    expect(linkTarget('<https://a.test/e>; REL="Events"', 'events', base)).to.equal('https://a.test/e');
  });

  it('gives null without the header, without the relation, or for a relation that only contains the word', () => {
    expect(linkTarget(null, 'events', base)).to.equal(null);
    expect(linkTarget('<https://a.test/help>; rel="help"', 'events', base)).to.equal(null);
    expect(linkTarget('<https://a.test/x>; rel="events-archive"', 'events', base)).to.equal(null);
  });
});
