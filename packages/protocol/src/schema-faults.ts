import * as z from 'zod/mini';
import type { core } from 'zod/mini';

/** One field that does not match its schema: where, as a JSON path, and what is wrong, in English. */
export interface ShapeFault {
  readonly path: string;
  readonly message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a path as a JSON path from `$`: identifiers with dots, indexes and other keys in
 * brackets. `['nodes', 'not-received', 'options', 1, 'next']` gives `$.nodes['not-received'].options[1].next`.
 */
export function formatJsonPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    const key = typeof segment === 'symbol' ? (segment.description ?? '') : segment;
    if (IDENTIFIER.test(key)) return `${path}.${key}`;
    return `${path}['${key.replace(/[\\']/g, '\\$&')}']`;
  }, '$');
}

/**
 * Parses `input` with `schema` and, where it does not match, says so field by field in plain
 * English with the offending value: `zod/mini` ships no messages of its own, and "Invalid input"
 * helps nobody configuring a tree or reading a refusal. Never throws.
 */
export function parseWithFaults<S extends core.$ZodType>(
  schema: S,
  input: unknown,
): { readonly ok: true; readonly value: core.output<S> } | { readonly ok: false; readonly faults: readonly ShapeFault[] } {
  const parsed = z.safeParse(schema, input, { reportInput: true, error: describeIssue });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, faults: parsed.error.issues.map(faultOf) };
}

function faultOf(issue: core.$ZodIssue): ShapeFault {
  const value = preview(offendingValue(issue));
  return { path: formatJsonPath(issue.path), message: value === undefined ? issue.message : `${issue.message} (got ${value})` };
}
function offendingValue(issue: core.$ZodIssue): unknown {
  // A discriminated union reports the whole object; the culprit is its discriminator.
  if (issue.code === 'invalid_union' && issue.discriminator !== undefined) {
    const input: unknown = issue.input;
    return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : input;
  }
  return issue.input;
}

function preview(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return quote(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}

const NOUNS: Readonly<Record<string, string>> = {
  object: 'an object',
  record: 'an object',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** English for the schema's issues that carry no message of their own (zod/mini ships none). */
function describeIssue(issue: core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `${issue.input === undefined ? 'missing: ' : ''}expected ${NOUNS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected ${alternatives(issue.values)}`;
    case 'invalid_union':
      // A discriminated union lists the discriminator values it knows.
      return Array.isArray(issue.options) ? `expected ${alternatives(issue.options)}` : 'does not match any allowed form';
    case 'too_small':
      return limitPhrase('at least', issue.origin, issue.minimum, issue.inclusive !== false, 'more than');
    case 'too_big':
      return limitPhrase('at most', issue.origin, issue.maximum, issue.inclusive !== false, 'less than');
    case 'invalid_key':
      return issue.issues.map((inner) => inner.message).join('; ') || 'not a valid key';
    case 'invalid_format':
      return 'has the wrong format';
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${alternatives(issue.keys, 'and')}`;
    default:
      return 'is not valid';
  }
}

/** "a", "b" or "c": values quoted and joined for a message. */
export function alternatives(values: readonly unknown[], conjunction: 'or' | 'and' = 'or'): string {
  const shown = values.map((value) => (typeof value === 'string' ? quote(value) : String(value)));
  if (shown.length <= 1) return shown[0] ?? 'nothing';
  return `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown.at(-1)}`;
}

function limitPhrase(bound: string, origin: string, limit: number | bigint, inclusive: boolean, strict: string): string {
  const unit = origin === 'string' ? 'character' : origin === 'array' ? 'item' : undefined;
  if (unit === undefined) return inclusive ? `must be ${bound} ${limit}` : `must be ${strict} ${limit}`;
  return `must have ${bound} ${limit} ${unit}${limit === 1 ? '' : 's'}`;
}

/** A value as it is written in JSON, for messages: `"not-received"`. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
