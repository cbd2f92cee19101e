import { Temporal } from '@ruqsat/core';
import type { Kysely } from 'kysely';
import { AttachmentStore } from '../attachments/attachment-store.js';
import { TestSignatureScanner } from '../attachments/scanner.js';
import type { DatabaseSchema } from '../store/schema.js';

/** The attachment store of the embedded default (the built-in EICAR scanner, default limits). */
export function testAttachments(db: Kysely<DatabaseSchema>, now = () => Temporal.Now.instant()): AttachmentStore {
  return new AttachmentStore(db, new TestSignatureScanner(), now);
}

/** The smallest file every PDF reader opens, for upload tests. */
export const MINIMAL_PDF = '%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n';

/** The EICAR anti-virus test file, assembled from parts so that this source is not itself flagged. */
export const EICAR_TEST_FILE = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR', '-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');
