import * as z from 'zod/mini';
import type { core } from 'zod/mini';
import { CurrencyCode } from '../currency.js';
import { DecisionTree, RefundBounds } from '../decision-tree.js';
import { Dispute, Photo, Reason, Settlement } from '../dispute.js';
import { OrderContext } from '../order-context.js';
import { Problem } from '../problem.js';
import { ENDPOINTS, type EndpointName } from './endpoints.js';
import { PhotoUploadTicket } from './uploads.js';

/** A JSON Schema (draft 2020-12) as plain JSON. */
export type JsonSchema = { readonly [key: string]: unknown };

/** Where the published JSON Schemas live; each file's `$id` is this plus its file name. */
export const SCHEMA_BASE_URI = 'https://amicable.dev/schemas/';

/**
 * One published schema file: the zod schema it is generated from, and which side of it: `input`
 * for what a backend accepts (request bodies), `output` for what it sends (responses).
 */
export interface ContractSchemaSource {
  readonly schema: core.$ZodType;
  readonly io: 'input' | 'output';
  readonly title: string;
  readonly description: string;
}

const SPLIT_RULE =
  'Not expressible in JSON Schema: when `settlement` is not null, `settlement.refund.amount + settlement.payout.amount` equals `price.amount`, and all three are in `price.currency`.';
const TREE_RULES =
  'Shape only. A backend also runs the tree checks of docs/decision-trees.md (validateTree), which JSON Schema cannot express: every `root` and `next` names an existing node, no cycles, every node reachable, outcomes offer something (or go to support), no duplicate resolution types or option ids, min <= suggested <= max for refunds, description lengths and photo counts, percentages at most 100 with at most two decimals, every text has the fallback locale and is not blank.';

/** Schemas shared by several endpoints, published under their own name rather than an endpoint's. */
const SHARED: readonly (readonly [core.$ZodType, string, string, string])[] = [
  [Dispute, 'dispute', 'Dispute', `A dispute as the backend returns it. ${SPLIT_RULE}`],
  [OrderContext, 'order-context', 'Order context', `Everything a widget needs to mediate one order. The dispute, when there is one: ${SPLIT_RULE} The tree: ${TREE_RULES}`],
  [Photo, 'photo', 'Photo', 'A photo the buyer attached, as stored by the backend.'],
  [PhotoUploadTicket, 'photo-upload-ticket', 'Photo upload ticket', 'Where to PUT a photo\'s bytes: a URL that needs no token, valid until `expiresAt`, with the headers to send.'],
  [Problem, 'problem', 'Problem', 'An application/problem+json body (RFC 9457). Other members may follow: a 409 conflict carries the dispute\'s current state in `dispute` (see dispute.json).'],
  [DecisionTree, 'decision-tree', 'Decision tree', TREE_RULES],
];

const TITLES: Readonly<Record<EndpointName, string>> = {
  getContext: 'Get the order context',
  openDispute: 'Open a dispute',
  getDispute: 'Get the dispute',
  uploadPhoto: 'Upload a photo',
  requestPhotoUpload: 'Request a photo upload URL',
  respond: 'The seller\'s response',
  answerCounter: 'The buyer\'s answer to a counter-offer',
  withdraw: 'Withdraw the dispute',
  escalate: 'Escalate to support',
  decide: 'Support\'s decision',
  retrySettlement: 'Retry the settlement',
  rate: 'Rate the dispute',
};

/** `answerCounter` -> `answer-counter`. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Every schema file by name, and the files of each endpoint's bodies. */
function catalogue(): {
  readonly sources: Record<string, ContractSchemaSource>;
  readonly files: Record<string, { readonly request: string | null; readonly response: string }>;
} {
  const sources: Record<string, ContractSchemaSource> = {};
  const files: Record<string, { request: string | null; response: string }> = {};
  const shared = new Map(SHARED.map(([schema, name, title, description]) => [schema, { name, title, description }]));
  for (const [name, endpoint] of Object.entries(ENDPOINTS) as [EndpointName, (typeof ENDPOINTS)[EndpointName]][]) {
    const route = `${endpoint.method} ${endpoint.path}`;
    let request: string | null = null;
    if (endpoint.body !== null) {
      request = `${kebab(name)}.request.json`;
      sources[request] = {
        schema: endpoint.body,
        io: 'input',
        title: `${TITLES[name]}: request body`,
        description: `The JSON body of ${route} (roles: ${endpoint.roles.join(', ')}).`,
      };
    }
    const named = shared.get(endpoint.result);
    const response = named === undefined ? `${kebab(name)}.response.json` : `${named.name}.json`;
    sources[response] ??= {
      schema: endpoint.result,
      io: 'output',
      title: named?.title ?? `${TITLES[name]}: response body`,
      description: named?.description ?? `The JSON body ${route} answers with.`,
    };
    files[name] = { request, response };
  }
  for (const [schema, name, title, description] of SHARED) {
    sources[`${name}.json`] ??= { schema, io: 'output', title, description };
  }
  return { sources, files };
}

/**
 * Every schema file of the contract by file name: one per request body (`open-dispute.request.json`,
 * named after its endpoint) and one per response body (named after the schema, such as
 * `dispute.json` for the Dispute many endpoints answer with, else `<endpoint>.response.json`),
 * plus the problem body and the decision tree.
 */
export function contractSchemaSources(): Readonly<Record<string, ContractSchemaSource>> {
  return catalogue().sources;
}

/** Words for fields whose rule JSON Schema cannot carry, added as their `description`. */
function annotate({ zodSchema, jsonSchema }: { zodSchema: core.$ZodType; jsonSchema: Record<string, unknown> }): void {
  if (zodSchema === CurrencyCode) {
    jsonSchema['description'] = 'An active ISO 4217 code in upper case (the pattern alone also admits codes that do not exist; see docs/money.md).';
  } else if (zodSchema === Reason) {
    jsonSchema['description'] = 'Not blank: 1 to 2000 characters once leading and trailing white space is trimmed.';
  } else if (zodSchema === Settlement) {
    jsonSchema['description'] = 'refund + payout = the dispute\'s price, in its currency (not expressible in JSON Schema).';
  } else if (zodSchema === RefundBounds) {
    jsonSchema['description'] = 'min <= suggested <= max; percentages at most 100 with at most two decimals (checked by validateTree, not expressible in JSON Schema).';
  }
}

/** The JSON Schema of one source, with its `$id`, `title` and `description` first. */
export function toContractJsonSchema(file: string, source: ContractSchemaSource): JsonSchema {
  const { $schema, ...body } = z.toJSONSchema(source.schema, {
    target: 'draft-2020-12',
    io: source.io,
    unrepresentable: 'any',
    override: (ctx) => annotate(ctx as { zodSchema: core.$ZodType; jsonSchema: Record<string, unknown> }),
  }) as Record<string, unknown>;
  return { $schema, $id: `${SCHEMA_BASE_URI}${file}`, title: source.title, description: source.description, ...body };
}

/**
 * One JSON Schema (draft 2020-12) for every request and response body of `ENDPOINTS`, and for the
 * problem body and the decision tree, by file name: what `docs/schemas/` publishes. Rules that
 * JSON Schema cannot express (a settlement splits the price exactly; the tree checks) are stated
 * in the schema's `description`.
 */
export function contractJsonSchemas(): Readonly<Record<string, JsonSchema>> {
  return Object.fromEntries(
    Object.entries(contractSchemaSources()).map(([file, source]) => [file, toContractJsonSchema(file, source)]),
  );
}

/** Which schema file describes each endpoint's request and response body. */
export interface ContractSchemaIndex {
  readonly files: readonly string[];
  readonly endpoints: Readonly<Record<string, {
    readonly method: string;
    readonly path: string;
    readonly roles: readonly string[];
    readonly status: number;
    readonly request: string | null;
    readonly response: string;
  }>>;
}

/**
 * The index published as `docs/schemas/index.json`: every schema file, sorted, and for each
 * endpoint its route, roles, success status and the files of its bodies.
 */
export function contractSchemaIndex(): ContractSchemaIndex {
  const { sources, files } = catalogue();
  const endpoints = Object.fromEntries(
    (Object.keys(ENDPOINTS) as EndpointName[]).map((name) => {
      const endpoint = ENDPOINTS[name];
      const { request, response } = files[name] as { request: string | null; response: string };
      return [name, { method: endpoint.method, path: endpoint.path, roles: [...endpoint.roles], status: endpoint.status, request, response }];
    }),
  );
  return { files: Object.keys(sources).sort(), endpoints };
}
