/** The types an applicant may attach: what scanners and officials' viewers open safely. */
export const AttachmentType = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
} as const;
export type AttachmentType = (typeof AttachmentType)[keyof typeof AttachmentType];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const PDF_SIGNATURE = [...'%PDF-'].map((c) => c.charCodeAt(0));
/** PDF readers accept the header anywhere in the first kilobyte (ISO 32000-1 annex H, note 13). */
const PDF_HEADER_WINDOW = 1024;

/**
 * The type of a file by its bytes, never by its name or the type the browser claims: an
 * executable renamed `.pdf` is not a PDF. Null when it is none of the allowed types.
 */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, PNG_SIGNATURE, 0)) return AttachmentType.png;
  if (startsWith(bytes, JPEG_SIGNATURE, 0)) return AttachmentType.jpeg;
  const window = Math.min(bytes.length, PDF_HEADER_WINDOW);
  for (let offset = 0; offset + PDF_SIGNATURE.length <= window; offset++) {
    if (startsWith(bytes, PDF_SIGNATURE, offset)) return hasPdfEnd(bytes) ? AttachmentType.pdf : null;
  }
  return null;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset: number): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** A PDF ends with `%%EOF` (give or take trailing whitespace): a truncated upload is not one. */
function hasPdfEnd(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  return tail.includes('%%EOF');
}
