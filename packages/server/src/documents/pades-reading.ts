/**
 * Reads back the signature of a PDF we signed: the bytes it covers (the two ranges its ByteRange
 * names, joined) and the DER CMS inside /Contents, without the zero padding of the placeholder.
 * Enough for our own documents, which carry one signature; not a general PDF parser.
 */
export function padesSignatureOf(pdf: Uint8Array): { signedContent: Uint8Array; cms: Uint8Array } | null {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const at = text.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const match = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 100));
  if (!match) return null;
  const [a, b, c, d] = match.slice(1).map(Number) as [number, number, number, number];
  if (a !== 0 || c + d !== pdf.byteLength || b >= c) return null;
  const hex = text.slice(b, c).replace(/^</, '').replace(/>$/, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return null;
  const padded = Buffer.from(hex, 'hex');
  const length = derLength(padded);
  if (length === null || length > padded.length) return null;
  const signedContent = new Uint8Array(b + d);
  signedContent.set(pdf.subarray(0, b), 0);
  signedContent.set(pdf.subarray(c, c + d), b);
  return { signedContent, cms: new Uint8Array(padded.subarray(0, length)) };
}

/** The full length (header and content) of the DER element at the start of `bytes`. */
function derLength(bytes: Uint8Array): number | null {
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  const first = bytes[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const octets = first & 0x7f;
  if (octets === 0 || octets > 4 || bytes.length < 2 + octets) return null;
  let length = 0;
  for (let i = 0; i < octets; i++) length = length * 256 + (bytes[2 + i] ?? 0);
  return 2 + octets + length;
}
