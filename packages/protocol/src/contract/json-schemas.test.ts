import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import type { core } from 'zod/mini';
import { Dispute } from '../dispute.js';
import { ProblemType } from '../problem.js';
import { ENDPOINTS, type EndpointName } from './endpoints.js';
import {
  SCHEMA_BASE_URI,
  contractJsonSchemas,
  contractSchemaIndex,
  contractSchemaSources,
  type JsonSchema,
} from './json-schemas.js';

const STALE = 'run `npm run schemas` to regenerate docs/schemas';

async function fetchText(path: string): Promise<string | null> {
  const response = await fetch(path, { cache: 'no-store' });
  return response.ok ? response.text() : null;
}

async function fetchJson(path: string): Promise<unknown> {
  const text = await fetchText(path);
  return text === null ? null : JSON.parse(text);
}

/** The structure both a zod schema and its JSON Schema must have: kinds, members, required members, closedness. */
type Shape =
  | { readonly kind: 'object'; readonly members: Readonly<Record<string, Shape>>; readonly required: readonly string[]; readonly closed: boolean }
  | { readonly kind: 'record'; readonly value: Shape }
  | { readonly kind: 'union'; readonly options: readonly Shape[] }
  | { readonly kind: 'array'; readonly item: Shape }
  | { readonly kind: 'nullable'; readonly inner: Shape }
  | { readonly kind: 'enum'; readonly values: readonly unknown[] }
  | { readonly kind: 'const'; readonly value: unknown }
  | { readonly kind: 'string' | 'integer' | 'number' | 'boolean' }
  | { readonly kind: 'unknown'; readonly what: string };

type Def = Record<string, unknown> & { readonly type: string };
const defOf = (schema: core.$ZodType): Def => schema._zod.def as unknown as Def;

/** The shape of a zod schema as the side `io` sees it: what a request accepts, or what a response holds. */
function zodShape(schema: core.$ZodType, io: 'input' | 'output'): Shape {
  const def = defOf(schema);
  const inner = (key: string) => zodShape(def[key] as core.$ZodType, io);
  switch (def.type) {
    case 'object': {
      const shape = def['shape'] as Record<string, core.$ZodType>;
      const catchall = def['catchall'] as core.$ZodType | undefined;
      const optional = (member: core.$ZodType) => (io === 'input' ? member._zod.optin : member._zod.optout) === 'optional';
      return {
        kind: 'object',
        members: Object.fromEntries(Object.entries(shape).map(([key, member]) => [key, zodShape(member, io)])),
        required: Object.keys(shape).filter((key) => !optional(shape[key] as core.$ZodType)).sort(),
        // A plain object strips unknown members: its input takes any, its output has none.
        closed: catchall === undefined ? io === 'output' : defOf(catchall).type === 'never',
      };
    }
    case 'optional':
      return inner('innerType');
    case 'nullable':
      return { kind: 'nullable', inner: inner('innerType') };
    case 'union':
      return { kind: 'union', options: (def['options'] as core.$ZodType[]).map((option) => zodShape(option, io)) };
    case 'array':
      return { kind: 'array', item: inner('element') };
    case 'record':
      return { kind: 'record', value: inner('valueType') };
    case 'enum':
      return { kind: 'enum', values: Object.values(def['entries'] as Record<string, unknown>) };
    case 'literal': {
      const values = def['values'] as unknown[];
      return values.length === 1 ? { kind: 'const', value: values[0] } : { kind: 'enum', values };
    }
    case 'number':
      return { kind: String(def['format'] ?? '').includes('int') ? 'integer' : 'number' };
    case 'string':
    case 'boolean':
      return { kind: def.type };
    default:
      return { kind: 'unknown', what: def.type };
  }
}

/** The shape of a generated JSON Schema, read the way a consumer of the file reads it. */
function jsonShape(json: JsonSchema): Shape {
  const sub = (value: unknown) => jsonShape(value as JsonSchema);
  const type = json['type'];
  if (Array.isArray(type) && type.includes('null')) {
    const rest = type.filter((t) => t !== 'null');
    return { kind: 'nullable', inner: jsonShape({ ...json, type: rest.length === 1 ? rest[0] : rest }) };
  }
  if (Array.isArray(json['oneOf'])) return { kind: 'union', options: json['oneOf'].map(sub) };
  if (Array.isArray(json['anyOf'])) {
    const options = json['anyOf'] as JsonSchema[];
    const nonNull = options.filter((option) => option['type'] !== 'null');
    if (nonNull.length === 1 && options.length === 2) return { kind: 'nullable', inner: sub(nonNull[0]) };
    return { kind: 'union', options: options.map(sub) };
  }
  if ('const' in json) return { kind: 'const', value: json['const'] };
  if (Array.isArray(json['enum'])) return { kind: 'enum', values: json['enum'] };
  switch (type) {
    case 'object': {
      if (!('properties' in json)) return { kind: 'record', value: sub(json['additionalProperties']) };
      const properties = json['properties'] as Record<string, unknown>;
      return {
        kind: 'object',
        members: Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sub(value)])),
        required: [...((json['required'] as string[] | undefined) ?? [])].sort(),
        closed: json['additionalProperties'] === false,
      };
    }
    case 'array':
      return { kind: 'array', item: sub(json['items']) };
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return { kind: type };
    default:
      return { kind: 'unknown', what: JSON.stringify(json).slice(0, 80) };
  }
}

const sources = contractSchemaSources();
const generated = contractJsonSchemas();

describe('the published JSON Schemas (docs/schemas)', () => {
  it('index.json lists exactly the files the protocol generates, and each endpoint\'s files', async () => {
    const index = await fetchJson('/docs/schemas/index.json');
    expect(index, `docs/schemas/index.json is missing or out of date: ${STALE}`).to.deep.equal(contractSchemaIndex());
  });

  it('every file is as the protocol generates it', async () => {
    const stale: string[] = [];
    for (const [file, schema] of Object.entries(generated)) {
      const published = await fetchText(`/docs/schemas/${file}`);
      if (published !== `${JSON.stringify(schema, null, 2)}\n`) stale.push(file);
    }
    expect(stale, `missing or out of date: ${stale.join(', ')}; ${STALE}`).to.deep.equal([]);
  });

  it('names request bodies after their endpoint and shared response bodies after their schema', () => {
    const index = contractSchemaIndex();
    expect(index.endpoints['openDispute']).to.include({ request: 'open-dispute.request.json', response: 'dispute.json' });
    expect(index.endpoints['requestPhotoUpload']).to.include({ request: 'request-photo-upload.request.json', response: 'photo-upload-ticket.json' });
    expect(index.endpoints['getContext']).to.include({ request: null, response: 'order-context.json' });
    expect(index.endpoints['uploadPhoto']).to.include({ request: null, response: 'photo.json' });
    for (const name of ['getDispute', 'respond', 'answerCounter', 'withdraw', 'escalate', 'decide', 'retrySettlement', 'rate']) {
      expect(index.endpoints[name]?.response, name).to.equal('dispute.json');
    }
    expect(index.files).to.include.members(['problem.json', 'decision-tree.json']);
  });

  it('gives every schema its draft, its $id under the schema base and a title', () => {
    for (const [file, schema] of Object.entries(generated)) {
      expect(schema['$schema'], file).to.equal('https://json-schema.org/draft/2020-12/schema');
      expect(schema['$id'], file).to.equal(`${SCHEMA_BASE_URI}${file}`);
      expect(schema['title'], file).to.be.a('string').and.not.equal('');
      expect(schema['description'], file).to.be.a('string').and.not.equal('');
    }
  });

  it('states the rules JSON Schema cannot express in the descriptions', () => {
    expect(generated['dispute.json']?.['description']).to.include('refund.amount + settlement.payout.amount');
    expect(generated['order-context.json']?.['description']).to.include('refund.amount + settlement.payout.amount').and.include('validateTree');
    expect(generated['decision-tree.json']?.['description']).to.include('validateTree').and.include('min <= suggested <= max');
  });

  it('reads requests as a backend accepts them and responses as it sends them', () => {
    for (const [name, endpoint] of Object.entries(ENDPOINTS) as [EndpointName, (typeof ENDPOINTS)[EndpointName]][]) {
      const { request, response } = contractSchemaIndex().endpoints[name] ?? {};
      if (endpoint.body !== null) expect(sources[request ?? '']).to.include({ schema: endpoint.body, io: 'input' });
      expect(sources[response ?? '']).to.include({ schema: endpoint.result, io: 'output' });
    }
  });
});

describe('each JSON Schema has the structure of its zod schema', () => {
  for (const [file, source] of Object.entries(sources)) {
    it(`${file}: the same members, required members, closed objects, unions, enums and constants`, () => {
      const json = generated[file] as JsonSchema;
      expect(jsonShape(json)).to.deep.equal(zodShape(source.schema, source.io));
    });
  }

  it('a request body ignores unknown members, except the empty bodies, which must be exactly {}', () => {
    const closed = Object.entries(generated)
      .filter(([file, schema]) => file.endsWith('.request.json') && schema['additionalProperties'] === false)
      .map(([file]) => file)
      .sort();
    expect(closed).to.deep.equal(['retry-settlement.request.json', 'withdraw.request.json']);
  });

  it('a problem keeps unknown members (a conflict carries the dispute)', () => {
    expect(generated['problem.json']?.['additionalProperties']).to.deep.equal({});
  });
});

/** `<!-- example: name -->` followed by a fenced JSON block, in the order they appear. */
function markedExamples(markdown: string): { readonly name: string; readonly json: string }[] {
  const examples: { name: string; json: string }[] = [];
  for (const match of markdown.matchAll(/<!-- example: ([\w.-]+) -->\n+```json\n([\s\S]*?)\n```/g)) {
    examples.push({ name: match[1] as string, json: match[2] as string });
  }
  return examples;
}

/** The status each problem type is listed with in the page's table of problem types. */
function problemStatuses(markdown: string): Map<string, number> {
  const rows = markdown.matchAll(/^\| `(urn:amicable:problem:[a-z-]+)` \| (\d{3}) \|/gm);
  return new Map([...rows].map((row) => [row[1] as string, Number(row[2])]));
}

describe('docs/backend-contract.md', () => {
  let markdown = '';
  before(async () => {
    markdown = (await fetchText('/docs/backend-contract.md')) ?? '';
  });

  it('marks every example with a schema that exists, right above a JSON block', () => {
    const markers = [...markdown.matchAll(/<!-- example: ([\w.-]+) -->/g)].map((match) => match[1]);
    expect(markers.length).to.be.greaterThan(0);
    expect(markedExamples(markdown).map((example) => example.name)).to.deep.equal(markers);
    for (const name of markers) expect(sources, `example ${name}`).to.have.property(`${name}.json`);
  });

  it('every marked example parses with its zod schema', () => {
    const refused: string[] = [];
    for (const { name, json } of markedExamples(markdown)) {
      const source = sources[`${name}.json`] as (typeof sources)[string];
      const parsed = z.safeParse(source.schema, JSON.parse(json));
      if (!parsed.success) refused.push(`${name}: ${JSON.stringify(parsed.error.issues.map((i) => [i.path, i.message]))}`);
    }
    expect(refused).to.deep.equal([]);
  });

  it('every marked example has the required members of its JSON Schema, and no member a closed one lacks', () => {
    for (const { name, json } of markedExamples(markdown)) {
      const example = JSON.parse(json) as Record<string, unknown>;
      let schema = generated[`${name}.json`] as JsonSchema;
      // A union of objects: the branch whose constant the example carries.
      if (Array.isArray(schema['oneOf'])) {
        schema = (schema['oneOf'] as JsonSchema[]).find((branch) =>
          Object.entries(branch['properties'] as Record<string, JsonSchema>).some(([key, member]) => 'const' in member && member['const'] === example[key]),
        ) as JsonSchema;
      }
      expect(Object.keys(example), name).to.include.members((schema['required'] as string[] | undefined) ?? []);
      if (schema['additionalProperties'] === false) {
        expect(Object.keys(schema['properties'] as object), name).to.include.members(Object.keys(example));
      }
    }
  });

  it('a problem example has the status its type is listed with, and a dispute where it carries one', () => {
    const statuses = problemStatuses(markdown);
    const problems = markedExamples(markdown).filter((example) => example.name === 'problem').map((example) => JSON.parse(example.json) as Record<string, unknown>);
    expect(problems.length).to.be.greaterThan(2);
    for (const problem of problems) {
      expect(statuses.get(String(problem['type'])), String(problem['type'])).to.equal(problem['status']);
      if ('dispute' in problem) expect(Dispute.safeParse(problem['dispute']).success, `${String(problem['type'])} dispute`).to.equal(true);
    }
  });

  it('has an example of every request body and every response body', () => {
    const shown = new Set(markedExamples(markdown).map((example) => example.name));
    const index = contractSchemaIndex();
    const bodies = Object.values(index.endpoints).flatMap(({ request, response }) => (request === null ? [response] : [request, response]));
    const missing = [...new Set([...bodies, 'problem.json'])].filter((file) => !shown.has(file.replace(/\.json$/, '')));
    expect(missing).to.deep.equal([]);
  });

  it('lists every problem type once in its table', () => {
    const statuses = problemStatuses(markdown);
    expect([...statuses.keys()].sort()).to.deep.equal(Object.values(ProblemType).sort());
    expect([...markdown.matchAll(/^\| `urn:amicable:problem:/gm)].length).to.equal(Object.values(ProblemType).length);
  });

  it('names every endpoint by its method and path, and links every schema file', () => {
    for (const endpoint of Object.values(ENDPOINTS)) expect(markdown).to.include(`${endpoint.method} ${endpoint.path}`);
    for (const file of contractSchemaIndex().files) expect(markdown).to.include(`](schemas/${file})`);
  });
});
