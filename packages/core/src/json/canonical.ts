/**
 * JSON Canonicalization Scheme, RFC 8785: the one byte sequence we hash and sign for a JSON value.
 *
 * Object keys are sorted by their UTF-16 code units, no white space is emitted, strings and numbers
 * are serialised as ECMAScript's JSON.stringify does (which is exactly what RFC 8785 prescribes).
 * Object members whose value is undefined are left out, as JSON.stringify does. Other values JSON
 * cannot carry faithfully (undefined elsewhere, functions, NaN, ±Infinity, bigint, lone
 * surrogates, class instances other than plain objects and arrays) are refused rather than
 * silently altered, because a signature over an altered value is a signature over something else.
 */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export class NotCanonicalizableError extends TypeError {
  constructor(path: string, why: string) {
    super(`cannot canonicalize ${path || '$'}: ${why}`);
    this.name = 'NotCanonicalizableError';
  }
}

export function canonicalJson(value: unknown): string {
  return serialise(value, '$');
}

function serialise(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalizableError(path, 'non-finite number');
      return JSON.stringify(value);
    case 'string':
      if (!value.isWellFormed()) throw new NotCanonicalizableError(path, 'lone surrogate in string');
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? serialiseArray(value, path) : serialiseObject(value, path);
    default:
      throw new NotCanonicalizableError(path, `${typeof value} is not JSON`);
  }
}

function serialiseArray(items: readonly unknown[], path: string): string {
  return `[${items.map((item, i) => serialise(item, `${path}[${i}]`)).join(',')}]`;
}

function serialiseObject(object: object, path: string): string {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new NotCanonicalizableError(path, 'only plain objects are JSON');
  }
  const entries = Object.entries(object).filter(([, v]) => v !== undefined);
  // RFC 8785 §3.2.3: sort by UTF-16 code units, which is what the default string comparison does.
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const members = entries.map(([k, v]) => `${JSON.stringify(k)}:${serialise(v, `${path}.${k}`)}`);
  return `{${members.join(',')}}`;
}
