// The shop's own script: gives each widget its token callback, shows the order, and runs the demo
// controls. It loads nothing from the SDK; the script tag in index.html registered the elements.

const buyerView = document.querySelector('#buyer-view');
let sellerView = document.querySelector('#seller-view');
const views = () => [buyerView, sellerView];
const status = document.querySelector('#demo-status');
const settings = new URLSearchParams(location.search);

/**
 * A token callback as a host writes one: ask the host's own server for a token scoped to this
 * order and this user's role. Here the demo server stands in for the shop's auth.
 */
function tokenFor(role) {
  return async ({ orderId }) => {
    const response = await fetch(`/demo/token?order=${encodeURIComponent(orderId)}&role=${role}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`no token for ${orderId} (${response.status})`);
    const { token } = await response.json();
    return token;
  };
}
buyerView.getToken = tokenFor('buyer');
sellerView.getToken = tokenFor('seller');

/**
 * The seller's page as if the seller opened it now. In a real shop the seller comes to a case
 * later, on their own device; here both sit on one page, so when the buyer sends a case the
 * seller's view is replaced by a fresh one, which loads it.
 */
function reopenSellerView() {
  const fresh = document.createElement(sellerView.localName);
  for (const { name, value } of sellerView.attributes) fresh.setAttribute(name, value);
  fresh.getToken = sellerView.getToken;
  listen(fresh, 'seller');
  sellerView.replaceWith(fresh);
  sellerView = fresh;
}

async function demoCall(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error ?? `${path} answered ${response.status}`);
  return answer;
}

// --- the order ---------------------------------------------------------------------------

const fractionDigits = (currency) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
const formatMoney = ({ amount, currency }, locale) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 10 ** fractionDigits(currency));
const formatDate = (iso, locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));

let orders = [];

function showOrder(orderId) {
  const order = orders.find((candidate) => candidate.orderId === orderId);
  if (order === undefined) return;
  const locale = document.documentElement.lang;
  const { summary } = order;
  document.querySelector('#order-title').textContent = summary.title;
  document.querySelector('#order-reference').textContent = summary.reference;
  document.querySelector('#order-id').textContent = order.orderId;
  document.querySelector('#order-price').textContent = formatMoney(order.price, locale);
  document.querySelector('#buyer-name').textContent = order.buyer.displayName;
  document.querySelector('#seller-name').textContent = order.seller.displayName;
  const dates = [`Ordered ${formatDate(summary.placedAt, locale)}`];
  if (summary.deliveredAt) dates.push(`delivered ${formatDate(summary.deliveredAt, locale)}`);
  document.querySelector('#order-dates').textContent = dates.join(', ');
  const lines = document.querySelector('#order-lines');
  lines.replaceChildren(
    ...summary.lines.map((line) => {
      const item = document.createElement('li');
      const title = document.createElement('span');
      title.textContent = `${line.quantity} × ${line.title}`;
      const price = document.createElement('span');
      price.textContent = formatMoney({ amount: line.unitPrice.amount * line.quantity, currency: line.unitPrice.currency }, locale);
      item.append(title, price);
      return item;
    }),
  );
  document.querySelector('.order-art').dataset.order = order.orderId;
  for (const view of views()) view.setAttribute('order-id', order.orderId);
}

// --- controls ----------------------------------------------------------------------------

const orderSelect = document.querySelector('#order-select');
const localeSelect = document.querySelector('#locale-select');
const themeSelect = document.querySelector('#theme-select');

/** Keeps the choices in the address, so a reload (or a shared link) shows the same. */
function remember() {
  const query = new URLSearchParams({ order: orderSelect.value, lang: localeSelect.value, theme: themeSelect.value });
  history.replaceState(null, '', `?${query}`);
}

function applyLocale(locale) {
  // The widgets speak `locale` and set their own writing direction; the shop's page stays English.
  for (const view of views()) view.setAttribute('locale', locale);
}

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  for (const view of views()) {
    if (theme === 'auto') view.removeAttribute('theme');
    else view.setAttribute('theme', theme);
  }
}

function pick(select, value) {
  if ([...select.options].some((option) => option.value === value)) select.value = value;
}

pick(orderSelect, settings.get('order'));
pick(localeSelect, settings.get('lang'));
pick(themeSelect, settings.get('theme'));
applyLocale(localeSelect.value);
applyTheme(themeSelect.value);

orderSelect.addEventListener('change', () => {
  showOrder(orderSelect.value);
  remember();
});
localeSelect.addEventListener('change', () => {
  applyLocale(localeSelect.value);
  remember();
});
themeSelect.addEventListener('change', () => {
  applyTheme(themeSelect.value);
  remember();
});

const clockNow = document.querySelector('#clock-now');
function showClock(iso) {
  clockNow.value = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

for (const button of document.querySelectorAll('[data-advance-hours]')) {
  button.addEventListener('click', async () => {
    const hours = Number(button.dataset.advanceHours);
    try {
      const { now, swept } = await demoCall('/demo/clock', { hours });
      showClock(now);
      status.textContent = `The backend's clock moved ${button.textContent} ahead${swept ? `; ${swept === 1 ? 'a deadline' : `${swept} deadlines`} lapsed` : ''}.`;
    } catch (error) {
      status.textContent = `The clock did not move: ${error.message}`;
    }
  });
}

document.querySelector('#reset-button').addEventListener('click', async () => {
  status.textContent = 'Resetting…';
  try {
    await demoCall('/demo/reset', {});
    // The widgets keep drafts in this browser; a reset starts from an empty form as well.
    for (const store of [localStorage, sessionStorage]) {
      for (const key of Object.keys(store)) if (key.startsWith('amicable')) store.removeItem(key);
    }
    location.reload();
  } catch (error) {
    status.textContent = `The reset failed: ${error.message}`;
  }
});

// --- events ------------------------------------------------------------------------------

const eventLog = document.querySelector('#event-log');
const EVENTS = [
  'amicable-dispute-created',
  'amicable-proposal-accepted',
  'amicable-proposal-countered',
  'amicable-proposal-rejected',
  'amicable-dispute-escalated',
  'amicable-dispute-withdrawn',
  'amicable-photos-changed',
  'amicable-error',
];
/** Writes each of `view`'s events into the log, as a host's page would receive them. */
function listen(view, who) {
  for (const type of EVENTS) {
    view.addEventListener(type, (event) => {
      const entry = document.createElement('li');
      const name = document.createElement('code');
      name.textContent = type;
      const detail = event.detail ?? {};
      const facts = [detail.dispute?.status, detail.code, detail.message, detail.photos ? `${detail.photos.length} photo(s)` : undefined].filter(Boolean);
      entry.append(name, ` from the ${who}'s page${facts.length ? `: ${facts.join(' · ')}` : ''}`);
      eventLog.prepend(entry);
    });
  }
}
listen(buyerView, 'buyer');
listen(sellerView, 'seller');
buyerView.addEventListener('amicable-dispute-created', reopenSellerView);

// --- start -------------------------------------------------------------------------------

try {
  orders = await demoCall('/demo/orders');
  showOrder(orderSelect.value);
  showClock((await demoCall('/demo/clock')).now);
  remember();
} catch (error) {
  status.textContent = `The demo server did not answer: ${error.message}`;
}
