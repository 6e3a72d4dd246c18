/** One event of a `text/event-stream`, as the HTML standard dispatches it. */
export interface StreamEvent {
  /** The `event:` field; `message` when the event named none. */
  readonly type: string;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
  /** The last `id:` seen so far on the stream (it carries over to later events); `''` before any. */
  readonly id: string;
}

/**
 * Parses a `text/event-stream` incrementally, however its text is split into chunks: lines end
 * with CRLF, LF or CR; `:` starts a comment (the keep-alives); `field: value` loses one space
 * after the colon; a blank line dispatches the event, unless it has no data. `retry:` is ignored:
 * the watcher decides when to reconnect.
 */
export class EventStreamParser {
  #buffer = '';
  #type = '';
  /** The event's `data:` lines, an empty one included; without any the event is not dispatched. */
  #data: string[] = [];
  #id = '';
  /** A CR ended the last chunk: an LF starting the next one belongs to it. */
  #pendingCr = false;

  /** The events completed by `chunk`. */
  push(chunk: string): StreamEvent[] {
    let text = chunk;
    if (this.#pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.#pendingCr = false;
    this.#buffer += text;
    const events: StreamEvent[] = [];
    for (;;) {
      const end = this.#buffer.search(/[\r\n]/);
      if (end === -1) break;
      const line = this.#buffer.slice(0, end);
      let next = end + 1;
      if (this.#buffer[end] === '\r') {
        if (next === this.#buffer.length) this.#pendingCr = true;
        else if (this.#buffer[next] === '\n') next += 1;
      }
      this.#buffer = this.#buffer.slice(next);
      const event = this.#line(line);
      if (event !== null) events.push(event);
    }
    return events;
  }

  #line(line: string): StreamEvent | null {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.#type = value;
        break;
      case 'data':
        this.#data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.#id = value;
        break;
      default:
        break;
    }
    return null;
  }

  #dispatch(): StreamEvent | null {
    const event = this.#data.length > 0 ? { type: this.#type === '' ? 'message' : this.#type, data: this.#data.join('\n'), id: this.#id } : null;
    this.#type = '';
    this.#data = [];
    return event;
  }
}
