/** The public page a document's QR code opens: the registry's verification of that document. */
export function verificationUrl(publicUrl: string, documentId: string): string {
  return new URL(`/verify/${encodeURIComponent(documentId)}`, publicUrl).toString();
}
