import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  childrenOf,
  contentsOf,
  derOrder,
  element,
  isDefinite,
  objectIdentifier,
  octetString,
  readObjectIdentifier,
  readTime,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
} from './der.js';

/** `depth` constructed elements of indefinite length, each opening the next. */
const indefinitely = (depth: number) => Array.from({ length: depth }).flatMap(() => [0x30, 0x80]);

/** asn1js reads what der.ts writes: an outside decoder, not the code under test, says what it is. */
function decoded(bytes: Uint8Array): asn1js.AsnType {
  const { offset, result } = asn1js.fromBER(bytes);
  expect(offset).toBe(bytes.length);
  return result;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('DER', () => {
  it('writes what the standards print: SHA-256’s OID, a version, lengths short and long', () => {
    expect(hex(objectIdentifier('2.16.840.1.101.3.4.2.1'))).toBe('0609608648016503040201');
    expect(hex(objectIdentifier('1.2.840.113549.1.9.16.2.47'))).toBe('060b2a864886f70d010910022f');
    expect(hex(smallInteger(1))).toBe('020101');
    expect(hex(unsignedInteger(Uint8Array.of(0, 0, 0x80)))).toBe('02020080');
    expect(hex(unsignedInteger(Uint8Array.of(0, 0)))).toBe('020100');
    expect(hex(octetString(new Uint8Array(127))).slice(0, 4)).toBe('047f');
    expect(hex(octetString(new Uint8Array(128))).slice(0, 6)).toBe('048180');
    expect(hex(octetString(new Uint8Array(256))).slice(0, 8)).toBe('04820100');
  });

  it('writes times as UTCTime through 2049 and GeneralizedTime from 2050', () => {
    expect(new TextDecoder().decode(time(new Date('2026-11-30T10:00:00.999Z')).subarray(2))).toBe('261130100000Z');
    expect(time(new Date('2049-12-31T23:59:59Z'))[0]).toBe(0x17);
    expect(new TextDecoder().decode(time(new Date('2050-01-01T00:00:00Z')).subarray(2))).toBe('20500101000000Z');
  });

  it('writes object identifiers, integers and times that an outside decoder reads back the same', () => {
    const arc = fc.oneof(fc.nat(), fc.maxSafeNat());
    const arcs = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 39 }), fc.array(arc, { maxLength: 8 })),
      // Under 2 the second arc may be anything (2.999 is the example arc of X.660).
      fc.tuple(
        fc.constant(2),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 80 }),
        fc.array(arc, { maxLength: 8 }),
      ),
    );
    fc.assert(
      fc.property(arcs, ([first, second, rest]) => {
        const dotted = [first, second, ...rest].join('.');
        if (second < 2 ** 40) {
          expect((decoded(objectIdentifier(dotted)) as asn1js.ObjectIdentifier).getValue()).toBe(dotted);
        }
        expect(readObjectIdentifier(objectIdentifier(dotted))).toBe(dotted);
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const integer = decoded(unsignedInteger(bytes)) as asn1js.Integer;
        expect(integer.toBigInt()).toBe(BigInt(`0x0${hex(bytes)}`));
      }),
      { numRuns: 2_000 },
    );
    const seconds = fc.date({
      min: new Date('1950-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(seconds, (at) => {
        const read = decoded(time(at)) as asn1js.UTCTime | asn1js.GeneralizedTime;
        expect(read.toDate().getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000);
        expect(readTime(time(at)).getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000);
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads back the children of what it writes, as they were encoded, at any length', () => {
    const leaf = fc.uint8Array({ maxLength: 300 }).map((bytes) => octetString(bytes));
    const tree = fc.letrec<{ node: Uint8Array }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }).map((children) => sequence(...children)),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 6 }), (children) => {
        const parent = set(...children);
        expect(childrenOf(parent).map(hex)).toEqual(children.map(hex));
        expect(decoded(parent)).toBeInstanceOf(asn1js.Set);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what it cannot read rather than guessing', () => {
    expect(() => childrenOf(Uint8Array.of(0x30, 0x05, 0x04, 0x01))).toThrow(/truncated/);
    expect(() => childrenOf(Uint8Array.of(0x30, 0x03, 0x04, 0x80, 0x00))).toThrow(/indefinite length on a primitive/);
    expect(() => childrenOf(Uint8Array.of(0x30, 0x80, 0x04, 0x00))).toThrow(/truncated/);
    expect(() => childrenOf(Uint8Array.of(0x04, 0x00))).toThrow(/no children/);
    expect(() => readObjectIdentifier(Uint8Array.of(0x06, 0x01, 0x86))).toThrow(/truncated OID/);
    expect(() => readTime(element(0x17, new TextEncoder().encode('261130100000+0500')))).toThrow(/not a time in UTC/);
    expect(() => childrenOf(Uint8Array.of(...indefinitely(40)))).toThrow(/too deep/);
    expect(() => readTime(octetString(new TextEncoder().encode('20261130100000Z')))).toThrow(/not a time/);
    for (const rolled of ['261330100000Z', '260230100000Z', '261130246000Z', '261130105960Z']) {
      expect(() => readTime(element(0x17, new TextEncoder().encode(rolled)))).toThrow(/not a time/);
    }
    expect(readTime(element(0x18, new TextEncoder().encode('00490101000000Z'))).getUTCFullYear()).toBe(49);
    expect(readTime(element(0x17, new TextEncoder().encode('240229000000Z'))).toISOString()).toBe(
      '2024-02-29T00:00:00.000Z',
    );
    // A padded arc (0x80 first) would read as 1.2.840; an arc past 2^53 cannot be read exactly.
    expect(() => readObjectIdentifier(Uint8Array.of(0x06, 0x04, 0x2a, 0x80, 0x86, 0x48))).toThrow(/padded/);
    expect(() => readObjectIdentifier(element(0x06, Uint8Array.of(0x2a, ...new Array(8).fill(0xff), 0x7f)))).toThrow(
      /too large/,
    );
    expect(() => objectIdentifier(`1.2.${2 ** 60}`)).toThrow(/not an OID/);
    expect(() => objectIdentifier('1.40')).toThrow(/not an OID/);
    expect(() => smallInteger(256)).toThrow(/not a small integer/);
    expect(() => time(new Date('+010000-01-01T00:00:00Z'))).toThrow(/no time form/);
    expect(() => childrenOf(Uint8Array.of(0x30, 0x00, 0x00))).toThrow(/trailing/);
  });

  it('reads the indefinite lengths of BER, as streaming signers write them', () => {
    const a = octetString(Uint8Array.of(1, 2));
    const b = sequence(smallInteger(7));
    const ber = Uint8Array.of(0x30, 0x80, ...a, 0x31, 0x80, ...b, 0x00, 0x00, 0x00, 0x00);
    const [first, second] = childrenOf(ber);
    expect(hex(first as Uint8Array)).toBe(hex(a));
    expect(childrenOf(second as Uint8Array).map(hex)).toEqual([hex(b)]);
    expect(isDefinite(second as Uint8Array)).toBe(false);
    expect(contentsOf(a, 0x04)).toEqual(Uint8Array.of(1, 2));
  });

  it('orders a SET OF by the encodings, as DER does', () => {
    const [a, b, c] = [element(0x30, Uint8Array.of(9)), element(0x30, Uint8Array.of(1, 2)), element(0x04)];
    expect(derOrder([a, b, c]).map(hex)).toEqual([c, a, b].map(hex));
  });
});
