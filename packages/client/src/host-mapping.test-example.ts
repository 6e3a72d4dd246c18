import { createClient, type MediationClient, type TokenSource } from '@amicable/client';

/** The shop's dispute JSON says `state` where the contract says `status`. */
function disputeFromShop(json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return json;
  const { state, ...rest } = json as Record<string, unknown>;
  return { ...rest, status: state };
}

/** Answers that are a dispute, by the client's name for them (`disputeEvents`: each event of the stream). */
const DISPUTE_ANSWERS = new Set(['openDispute', 'getDispute', 'respond', 'answerCounter', 'withdraw', 'escalate', 'decide', 'retrySettlement', 'rate', 'disputeEvents']);

/** The shop wraps every answer in `{ data: … }` (its event stream sends bare disputes). */
function fromShop(name: string, json: unknown): unknown {
  const data = name === 'disputeEvents' ? json : (json as { data?: unknown } | null)?.data;
  if (DISPUTE_ANSWERS.has(name)) return disputeFromShop(data);
  if (name === 'getContext' && typeof data === 'object' && data !== null) {
    const context = data as { dispute?: unknown };
    return { ...context, dispute: context.dispute == null ? null : disputeFromShop(context.dispute) };
  }
  return data;
}

/** The client of a shop whose cases live at `/v2/cases/{orderId}` and whose JSON is its own. */
export function createShopClient(getToken: TokenSource): MediationClient {
  return createClient({
    baseUrl: 'https://shop.example/api',
    getToken,
    routes: {
      getContext: { path: '/v2/cases/{orderId}/context' },
      openDispute: { path: '/v2/cases/{orderId}' },
      getDispute: { path: '/v2/cases/{orderId}' },
      uploadPhoto: { path: '/v2/cases/{orderId}/photos' },
      respond: { path: '/v2/cases/{orderId}/answer' },
    },
    adapt: {
      // The shop wants bodies wrapped as well.
      request: (_name, body) => ({ data: body }),
      response: fromShop,
      // Its errors are problems, but a conflict's dispute says `state` too.
      problem: (_operation, json) => {
        const problem = json as { dispute?: unknown };
        return problem.dispute === undefined ? json : { ...problem, dispute: disputeFromShop(problem.dispute) };
      },
    },
  });
}
