import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ZodApp } from '../zod-app.js';

export const AttachmentInfo = z
  .object({
    id: z.string(),
    documentId: z.string().describe('the regulation’s document this file is for'),
    fileName: z.string(),
    mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']).describe('as the bytes say, not the name'),
    sizeBytes: z.number().int(),
    sha256: z.string().describe('hex; the signed request names the file by it'),
    uploadedAt: z.iso.datetime(),
  })
  .meta({ id: 'AttachmentInfo' });

export const DocumentChecklist = z
  .array(
    z.object({
      documentId: z.string(),
      name: z.string(),
      required: z.boolean(),
      files: z.array(AttachmentInfo),
    }),
  )
  .meta({ id: 'DocumentChecklist' });

/** Where an upload says what it is: the raw file is the body, these are the query. */
export const UploadQuery = z.object({
  documentId: z.string().min(1).max(100),
  fileName: z.string().min(1).max(255),
});

/**
 * Files are uploaded as the raw body (`application/octet-stream`), so nothing is decoded or
 * re-encoded on the way; each upload route sets its own body limit. The bytes are typed by their
 * content later, whatever the client claims.
 */
export function registerUploadParser(app: ZodApp): void {
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
}

/** Serves a stored file as it was received, as a download the browser must not second-guess. */
export function sendAttachment(
  reply: FastifyReply,
  file: { readonly fileName: string; readonly mediaType: string; readonly sha256: string; readonly bytes: Uint8Array },
) {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
    .send(Buffer.from(file.bytes));
}

/** Serves a document we made (a PDF) to open in the browser, not to second-guess. */
export function sendDocument(reply: FastifyReply, file: { readonly fileName: string; readonly bytes: Uint8Array }) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.bytes));
}
