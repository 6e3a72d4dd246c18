// Debian's Chromium, as every browser this repository starts launches it: the test runner, the
// screenshots and the demo's tests. As root it needs --no-sandbox; the rest keep a headless
// browser on a closed network from reaching out or from needing a GPU.

/** The browser: `CHROME_PATH`, else Debian's `chromium`. */
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** The command-line flags. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
