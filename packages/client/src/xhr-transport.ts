import type { RawAnswer } from './answers.js';
import type { Attempt } from './exchange.js';

/** Makes the `XMLHttpRequest` an upload is sent with; injectable so that a test or a host may watch it. */
export type XhrFactory = () => XMLHttpRequest;

/** The browser's `XMLHttpRequest`, where there is one (not in Node or a service worker). */
export function defaultXhrFactory(): XhrFactory | null {
  return typeof XMLHttpRequest === 'function' ? () => new XMLHttpRequest() : null;
}

/**
 * Sends one try with `XMLHttpRequest`, because only it reports upload progress: `onProgress`
 * gets the bytes of the body sent so far and their total, and every report resets an idle timeout.
 */
export function xhrAnswer(
  createXhr: XhrFactory,
  url: string,
  method: string,
  body: XMLHttpRequestBodyInit,
  attempt: Attempt,
  onProgress: (loaded: number, total: number | null) => void,
): Promise<RawAnswer> {
  return new Promise<RawAnswer>((resolve, reject) => {
    const xhr = createXhr();
    const abort = (): void => xhr.abort();
    const settle = (): void => attempt.signal.removeEventListener('abort', abort);
    xhr.open(method, url);
    for (const [name, value] of Object.entries(attempt.headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';
    // Listeners on `upload` must exist before send(), or the browser reports no upload progress.
    const report = (event: ProgressEvent): void => {
      attempt.progressed();
      onProgress(event.loaded, event.lengthComputable ? event.total : null);
    };
    // `loadstart` tells the total at once; a request a service worker answers reports nothing after it.
    xhr.upload.addEventListener('loadstart', report);
    xhr.upload.addEventListener('progress', report);
    xhr.addEventListener('progress', () => attempt.progressed());
    xhr.addEventListener('load', () => {
      settle();
      resolve({ status: xhr.status, headers: headersOf(xhr.getAllResponseHeaders()), body: xhr.responseText, url: xhr.responseURL || url });
    });
    xhr.addEventListener('error', () => {
      settle();
      reject(new TypeError('The upload failed on the network.'));
    });
    xhr.addEventListener('abort', () => {
      settle();
      reject(attempt.signal.aborted ? attempt.signal.reason : new TypeError('The upload was aborted.'));
    });
    xhr.addEventListener('timeout', () => {
      settle();
      reject(new TypeError('The upload timed out.'));
    });
    if (attempt.signal.aborted) {
      settle();
      reject(attempt.signal.reason);
      return;
    }
    attempt.signal.addEventListener('abort', abort, { once: true });
    xhr.send(body);
  });
}

/** `getAllResponseHeaders()` text as `Headers`; a line `Headers` refuses is skipped. */
function headersOf(text: string): Headers {
  const headers = new Headers();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    } catch {
      // A header name or value that is not valid for `Headers` cannot matter to the contract.
    }
  }
  return headers;
}
