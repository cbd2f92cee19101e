import { childrenOf, contentsOf, contextTag, objectIdentifier, octetString, sequence, set, Tag } from '../der.js';
import { Oid } from '../oids.js';

/** The parts of a detached CMS signature a test may change, as encoded. */
export interface CmsParts {
  readonly eContentType: string;
  readonly certificates: Uint8Array[];
  readonly signedAttributes: Uint8Array[];
  /** The signature value's contents (what the OCTET STRING holds). */
  readonly signature: Uint8Array;
}

/**
 * The same signature with some of its parts changed and everything around them encoded again —
 * the lengths right, so that what a test changes is the only thing wrong with it.
 */
export function rebuiltCms(signature: Uint8Array, change: (parts: CmsParts) => Partial<CmsParts>): Uint8Array {
  const [, explicit] = childrenOf(signature);
  const [version, digestAlgorithms, , certificateSet, signerInfos] = childrenOf(
    childrenOf(explicit as Uint8Array)[0] as Uint8Array,
  );
  const [siVersion, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, value] = childrenOf(
    childrenOf(signerInfos as Uint8Array)[0] as Uint8Array,
  );
  const parts: CmsParts = {
    eContentType: Oid.data,
    certificates: childrenOf(certificateSet as Uint8Array),
    signedAttributes: childrenOf(signedAttrs as Uint8Array),
    signature: contentsOf(value as Uint8Array, Tag.octetString),
  };
  const changed = { ...parts, ...change(parts) };
  const signerInfo = sequence(
    siVersion as Uint8Array,
    sid as Uint8Array,
    digestAlgorithm as Uint8Array,
    contextTag(0, ...changed.signedAttributes),
    signatureAlgorithm as Uint8Array,
    octetString(changed.signature),
  );
  const signedData = sequence(
    version as Uint8Array,
    digestAlgorithms as Uint8Array,
    sequence(objectIdentifier(changed.eContentType)),
    contextTag(0, ...changed.certificates),
    set(signerInfo),
  );
  return sequence(objectIdentifier(Oid.signedData), contextTag(0, signedData));
}

/** An attribute of one or more values. */
export const attribute = (type: string, ...values: Uint8Array[]) => sequence(objectIdentifier(type), set(...values));

/** Whether an encoded attribute is of the type. */
export const isAttribute = (encoded: Uint8Array, type: string) =>
  Buffer.from(childrenOf(encoded)[0] as Uint8Array).equals(Buffer.from(objectIdentifier(type)));
