import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { EventStreamParser, type StreamEvent } from './event-stream.js';

function parse(...chunks: string[]): StreamEvent[] {
  const parser = new EventStreamParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('EventStreamParser', () => {
  it('dispatches an event at the blank line after its fields', () => {
    expect(parse('event: dispute\nid: "e1"\ndata: {"a":1}\n\n')).to.deep.equal([{ type: 'dispute', data: '{"a":1}', id: '"e1"' }]);
  });

  it('joins several data lines with a line feed', () => {
    expect(parse('data: one\ndata: two\n\n')).to.deep.equal([{ type: 'message', data: 'one\ntwo', id: '' }]);
  });

  it('skips comments such as the keep-alive', () => {
    expect(parse(': keep-alive\n\n: keep-alive\n\nevent: dispute\ndata: x\n\n')).to.deep.equal([{ type: 'dispute', data: 'x', id: '' }]);
  });

  it('dispatches nothing for an event without data, and forgets its type', () => {
    expect(parse('event: dispute\n\ndata: y\n\n')).to.deep.equal([{ type: 'message', data: 'y', id: '' }]);
  });

  it('keeps the last id for later events', () => {
    expect(parse('id: 1\ndata: a\n\ndata: b\n\n').map((event) => event.id)).to.deep.equal(['1', '1']);
  });

  it('takes CRLF and CR line ends, even when a CRLF is split between chunks', () => {
    expect(parse('data: a\r\n\r\ndata: b\r\rdata: c\r', '\n\r\n')).to.deep.equal([
      { type: 'message', data: 'a', id: '' },
      { type: 'message', data: 'b', id: '' },
      { type: 'message', data: 'c', id: '' },
    ]);
  });

  it('removes one space after the colon only, and takes a field without a colon as empty', () => {
    expect(parse('data:  two spaces\ndata\n\n')).to.deep.equal([{ type: 'message', data: ' two spaces\n', id: '' }]);
  });

  it('keeps an event without its blank line until the blank line comes', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: dispute\ndata: {}\n')).to.deep.equal([]);
    expect(parser.push('\n')).to.deep.equal([{ type: 'dispute', data: '{}', id: '' }]);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    const event = fc.record({
      type: fc.constantFrom('dispute', 'ping'),
      id: fc.stringMatching(/^[A-Za-z0-9"]{1,8}$/),
      lines: fc.array(fc.stringMatching(/^[^\r\n]{0,12}$/), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 5 }), fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 6 }), (events, eol, cuts) => {
        const text = events
          .map((e) => [`event: ${e.type}`, `id: ${e.id}`, ...e.lines.map((line) => `data: ${line}`), ''].join(eol) + eol)
          .join(`: keep-alive${eol}`);
        const positions = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...positions, text.length].slice(1).map((end, i, ends) => text.slice(i === 0 ? 0 : ends[i - 1], end));
        const expected = events.map((e) => ({ type: e.type, id: e.id, data: e.lines.join('\n') }));
        expect(parse(...chunks)).to.deep.equal(expected);
      }),
    );
  });
});
