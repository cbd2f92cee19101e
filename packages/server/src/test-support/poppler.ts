import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * What poppler — a PDF reader nobody here wrote — says of a document: `pdfsig`'s report of its
 * signatures and `pdftotext`'s reading of its text. CI installs poppler-utils; so does a developer.
 */
export function pdfsigReport(pdf: Uint8Array, options: { readonly nssDir?: string } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ruqsat-pdfsig-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    // Without a trust store the certificate is not checked (-nocert): the signature over the bytes
    // is, and nothing is asked of the network.
    const args = options.nssDir ? ['-nssdir', options.nssDir, file] : ['-nocert', file];
    const run = spawnSync('pdfsig', args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    if (run.error) throw run.error;
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF as pdftotext reads it, with runs of white space made one space. */
export function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
}
