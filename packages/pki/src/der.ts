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

export const sequence = (...contents: readonly Uint8Array[]) => element(0x30, ...contents);
export const set = (...contents: readonly Uint8Array[]) => element(0x31, ...contents);

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
export const octetString = (bytes: Uint8Array) => element(0x04, bytes);
export const NULL = Uint8Array.of(0x05, 0x00);

/** A context-specific constructed tag: [n] EXPLICIT, or [n] IMPLICIT over a SET or SEQUENCE. */
export const contextTag = (n: number, ...contents: readonly Uint8Array[]) => element(0xa0 | n, ...contents);

/** A non-negative INTEGER from its unsigned big-endian bytes (leading zeros dropped, a sign octet added). */
export function unsignedInteger(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const magnitude = bytes.subarray(start);
  return (magnitude[0] ?? 0) & 0x80
    ? element(0x02, Uint8Array.of(0), magnitude)
    : element(0x02, magnitude.length > 0 ? magnitude : Uint8Array.of(0));
}

export const smallInteger = (value: number) => unsignedInteger(Uint8Array.of(value));

/** An OBJECT IDENTIFIER from its dotted form: the first two arcs in one octet, then base 128. */
export function objectIdentifier(dotted: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const octets: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const group = [arc % 128];
    for (let high = Math.floor(arc / 128); high > 0; high = Math.floor(high / 128)) group.unshift(0x80 | (high % 128));
    octets.push(...group);
  }
  return element(0x06, Uint8Array.from(octets));
}

/** A time as RFC 5280 and RFC 5652 want it: UTCTime through 2049, GeneralizedTime from 2050, to the second. */
export function time(at: Date): Uint8Array {
  const digits = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:T]/g, '');
  const year = at.getUTCFullYear();
  return year < 2050 && year >= 1950
    ? element(0x17, new TextEncoder().encode(digits.slice(2)))
    : element(0x18, new TextEncoder().encode(digits));
}

/** The children of a constructed element, each as it is encoded (tag, length and contents). */
export function childrenOf(encoded: Uint8Array): Uint8Array[] {
  const outer = headerOf(encoded, 0);
  const children: Uint8Array[] = [];
  for (let at = outer.contentStart; at < outer.end; ) {
    const child = headerOf(encoded, at);
    children.push(encoded.subarray(at, child.end));
    at = child.end;
  }
  if (outer.end !== encoded.length) throw new Error('DER: trailing bytes after the element');
  return children;
}

function headerOf(bytes: Uint8Array, at: number): { contentStart: number; end: number } {
  if (((bytes[at] ?? 0) & 0x1f) === 0x1f) throw new Error('DER: high tag numbers are not read here');
  const first = bytes[at + 1];
  if (first === undefined) throw new Error('DER: truncated element');
  let length = first;
  let contentStart = at + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new Error('DER: indefinite or oversized length');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (bytes[contentStart + i] ?? 0);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > bytes.length) throw new Error('DER: truncated element');
  return { contentStart, end };
}
