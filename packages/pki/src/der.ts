/**
 * Just enough DER (X.690) to write a CMS signature and to find the parts of a certificate it names:
 * elements written from their contents, and the children of a constructed element read back as
 * they are encoded. Plain bytes throughout, so the browser bundle signs with it too.
 */

/** An element: its tag, its length in the shortest form, then the contents. */
export function element(tag: number, ...contents: readonly Uint8Array[]): Uint8Array {
  const length = contents.reduce((sum, part) => sum + part.length, 0);
  const header = [tag, ...lengthOctets(length)];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  let at = header.length;
  for (const part of contents) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return [0x80 | octets.length, ...octets];
}

/** The tags read and written here. */
export const Tag = { integer: 0x02, octetString: 0x04, oid: 0x06, sequence: 0x30, set: 0x31 } as const;

export const sequence = (...contents: readonly Uint8Array[]) => element(Tag.sequence, ...contents);
export const set = (...contents: readonly Uint8Array[]) => element(Tag.set, ...contents);

/** Elements in the order DER gives a SET OF: ascending by their encodings (X.690 11.6). */
export function derOrder(elements: readonly Uint8Array[]): Uint8Array[] {
  return [...elements].sort(compareBytes);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  }
  return a.length - b.length;
}

export const octetString = (bytes: Uint8Array) => element(Tag.octetString, bytes);
export const NULL = Uint8Array.of(0x05, 0x00);

/** A context-specific constructed tag: [n] EXPLICIT, or [n] IMPLICIT over a SET or SEQUENCE. */
export const contextTag = (n: number, ...contents: readonly Uint8Array[]) => element(0xa0 | n, ...contents);

/** A non-negative INTEGER from its unsigned big-endian bytes (leading zeros dropped, a sign octet added). */
export function unsignedInteger(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const magnitude = bytes.subarray(start);
  return (magnitude[0] ?? 0) & 0x80
    ? element(Tag.integer, Uint8Array.of(0), magnitude)
    : element(Tag.integer, magnitude.length > 0 ? magnitude : Uint8Array.of(0));
}

/** A version number and the like: 0 to 127, one octet. */
export function smallInteger(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 127) throw new Error(`DER: ${value} is not a small integer`);
  return unsignedInteger(Uint8Array.of(value));
}

/** An OBJECT IDENTIFIER from its dotted form: the first two arcs in one octet, then base 128. */
export function objectIdentifier(dotted: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const arcs = [first * 40 + second, ...rest];
  if (first > 2 || (first < 2 && second > 39) || !arcs.every(Number.isSafeInteger)) {
    throw new Error(`DER: ${dotted} is not an OID written here`);
  }
  const octets: number[] = [];
  for (const arc of arcs) {
    const group = [arc % 128];
    for (let high = Math.floor(arc / 128); high > 0; high = Math.floor(high / 128)) group.unshift(0x80 | (high % 128));
    octets.push(...group);
  }
  return element(Tag.oid, Uint8Array.from(octets));
}

/** A time as RFC 5280 and RFC 5652 want it: UTCTime through 2049, GeneralizedTime from 2050, to the second. */
export function time(at: Date): Uint8Array {
  const digits = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:T]/g, '');
  const year = at.getUTCFullYear();
  if (year < 0 || year > 9999) throw new Error(`DER: the year ${year} has no time form`);
  return year < 2050 && year >= 1950
    ? element(0x17, new TextEncoder().encode(digits.slice(2)))
    : element(0x18, new TextEncoder().encode(digits));
}

/** Where an element's parts lie in the bytes it is read from. */
interface Span {
  readonly tag: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  /** Past the element: past its contents, and past the end-of-contents octets of an indefinite length. */
  readonly end: number;
}

/** Deeper than any certificate or signature nests; a guard against crafted input, not a limit of the format. */
const MAX_DEPTH = 32;

/**
 * The element at `at`. Definite lengths as DER writes them, and — because signatures made by
 * streaming tools arrive in BER — the indefinite length of a constructed element, whose contents
 * run to the end-of-contents octets.
 */
function spanAt(bytes: Uint8Array, at: number, depth = 0): Span {
  const tag = bytes[at];
  const first = bytes[at + 1];
  if (tag === undefined || first === undefined) throw new Error('DER: truncated element');
  if ((tag & 0x1f) === 0x1f) throw new Error('DER: high tag numbers are not read here');
  if (depth > MAX_DEPTH) throw new Error('DER: nested too deep');
  if (first === 0x80) {
    if ((tag & 0x20) === 0) throw new Error('DER: indefinite length on a primitive element');
    let position = at + 2;
    while (bytes[position] !== 0 || bytes[position + 1] !== 0) {
      if (position >= bytes.length) throw new Error('DER: truncated element');
      position = spanAt(bytes, position, depth + 1).end;
    }
    return { tag, contentStart: at + 2, contentEnd: position, end: position + 2 };
  }
  let length = first;
  let contentStart = at + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new Error('DER: oversized length');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (bytes[contentStart + i] ?? 0);
    contentStart += count;
  }
  const contentEnd = contentStart + length;
  if (contentEnd > bytes.length) throw new Error('DER: truncated element');
  return { tag, contentStart, contentEnd, end: contentEnd };
}

/** The one element that `encoded` must be, with nothing after it. */
function wholeSpan(encoded: Uint8Array): Span {
  const span = spanAt(encoded, 0);
  if (span.end !== encoded.length) throw new Error('DER: trailing bytes after the element');
  return span;
}

/** The children of a constructed element (of the tag expected, if given), each as it is encoded. */
export function childrenOf(encoded: Uint8Array, tag?: number): Uint8Array[] {
  const outer = wholeSpan(encoded);
  if (tag !== undefined && outer.tag !== tag) throw new Error(`DER: tag ${outer.tag} where ${tag} was expected`);
  if ((outer.tag & 0x20) === 0) throw new Error('DER: a primitive element has no children');
  const children: Uint8Array[] = [];
  for (let at = outer.contentStart; at < outer.contentEnd; ) {
    const child = spanAt(encoded, at, 1);
    children.push(encoded.subarray(at, child.end));
    at = child.end;
  }
  return children;
}

/** The contents of a primitive element of the tag expected. */
export function contentsOf(encoded: Uint8Array, tag: number): Uint8Array {
  const span = wholeSpan(encoded);
  if (span.tag !== tag) throw new Error(`DER: tag ${span.tag} where ${tag} was expected`);
  return encoded.subarray(span.contentStart, span.contentEnd);
}

/** The tag of an element. */
export const tagOf = (encoded: Uint8Array): number => encoded[0] ?? -1;

/** Whether an element has a definite length, as DER requires. */
export const isDefinite = (encoded: Uint8Array): boolean => encoded[1] !== 0x80;

/** An OBJECT IDENTIFIER in its dotted form. */
export function readObjectIdentifier(encoded: Uint8Array): string {
  const contents = contentsOf(encoded, Tag.oid);
  const arcs: number[] = [];
  let arc = 0;
  let starting = true;
  for (const octet of contents) {
    // An arc's first octet is never 0x80: a padded arc would read as an OID it does not encode (X.690 8.19.2).
    if (starting && octet === 0x80) throw new Error('DER: a padded OID arc');
    arc = arc * 128 + (octet & 0x7f);
    if (!Number.isSafeInteger(arc)) throw new Error('DER: an OID arc too large to read');
    starting = (octet & 0x80) === 0;
    if (octet & 0x80) continue;
    if (arcs.length === 0) arcs.push(arc < 80 ? Math.floor(arc / 40) : 2, arc < 80 ? arc % 40 : arc - 80);
    else arcs.push(arc);
    arc = 0;
  }
  if (contents.length === 0 || (contents[contents.length - 1] ?? 0) & 0x80) throw new Error('DER: truncated OID');
  return arcs.join('.');
}

/** A UTCTime or GeneralizedTime in UTC ("Z"), to the second, as RFC 5280 profiles them. */
export function readTime(encoded: Uint8Array): Date {
  const tag = tagOf(encoded);
  if (tag !== 0x17 && tag !== 0x18) throw new Error(`DER: tag ${tag} is not a time`);
  const text = new TextDecoder().decode(contentsOf(encoded, tag));
  const match =
    tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text);
  if (!match) throw new Error(`DER: not a time in UTC: ${text}`);
  const [y, mo, d, h, mi, se] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const year = tag === 0x17 ? (y < 50 ? 2000 : 1900) + y : y;
  const at = new Date(Date.UTC(2000, mo - 1, d, h, mi, se));
  at.setUTCFullYear(year);
  // Date rolls a 13th month or a 61st minute over; a time that does not come back as written is not one.
  const back = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes()];
  if ([year, mo, d, h, mi].some((field, i) => field !== back[i]) || se !== at.getUTCSeconds()) {
    throw new Error(`DER: not a time: ${text}`);
  }
  return at;
}
