import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EICAR_TEST_FILE as EICAR, MINIMAL_PDF } from '../test-support/test-attachments.js';
import { ClamdScanner, TestSignatureScanner } from './scanner.js';
import { sniffAttachmentType } from './sniff.js';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

describe('attachment types, by content', () => {
  it.each([
    ['a PDF', bytes(MINIMAL_PDF), 'application/pdf'],
    ['a PDF with bytes before its header', bytes(`\n\n${MINIMAL_PDF}`), 'application/pdf'],
    ['a PNG', PNG, 'image/png'],
    ['a JPEG', JPEG, 'image/jpeg'],
    [
      'a Windows executable named .pdf',
      bytes('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode'),
      null,
    ],
    ['an ELF binary', bytes('\x7fELF\x02\x01\x01'), null],
    ['a truncated PDF (no %%EOF)', bytes('%PDF-1.7\n1 0 obj <<>> endobj\n'), null],
    ['HTML claiming to be a PDF', bytes('<html><script>alert(1)</script></html>'), null],
    ['nothing', new Uint8Array(), null],
  ])('%s → %s', (_name, content, type) => {
    expect(sniffAttachmentType(content)).toBe(type);
  });
});

describe('the built-in scanner', () => {
  it('flags the EICAR test file, inside a PDF too, and passes anything else', async () => {
    const scanner = new TestSignatureScanner();
    expect(await scanner.scan(bytes(`${MINIMAL_PDF}${EICAR}`))).toEqual({
      kind: 'infected',
      signature: 'Eicar-Test-Signature',
    });
    expect(await scanner.scan(bytes(MINIMAL_PDF))).toEqual({ kind: 'clean' });
  });
});

describe('clamd over INSTREAM', () => {
  let server: Server;
  let port = 0;
  const received: Buffer[] = [];

  beforeAll(async () => {
    // A stand-in for clamd speaking its protocol: reads the command and the length-prefixed
    // chunks up to the zero-length one, then answers as clamd does.
    server = createServer((socket) => {
      let buffer = Buffer.alloc(0);
      socket.on('data', (data) => {
        buffer = Buffer.concat([buffer, data]);
        const command = 'zINSTREAM\0';
        if (buffer.length < command.length) return;
        expect(buffer.subarray(0, command.length).toString()).toBe(command);
        let offset = command.length;
        const chunks: Buffer[] = [];
        while (offset + 4 <= buffer.length) {
          const length = buffer.readUInt32BE(offset);
          if (length === 0) {
            const file = Buffer.concat(chunks);
            received.push(file);
            socket.end(file.includes(EICAR) ? 'stream: Eicar-Signature FOUND\0' : 'stream: OK\0');
            return;
          }
          if (offset + 4 + length > buffer.length) return;
          chunks.push(buffer.subarray(offset + 4, offset + 4 + length));
          offset += 4 + length;
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the whole file in chunks and reads the verdict', async () => {
    const scanner = new ClamdScanner('127.0.0.1', port, 2000);
    const large = new Uint8Array(200_000).map((_, i) => i % 251);
    expect(await scanner.scan(large)).toEqual({ kind: 'clean' });
    expect(received.at(-1)?.equals(Buffer.from(large))).toBe(true);
    expect(await scanner.scan(bytes(`${MINIMAL_PDF}${EICAR}`))).toEqual({
      kind: 'infected',
      signature: 'Eicar-Signature',
    });
  });

  it('is unavailable, never clean, when clamd cannot be reached', async () => {
    const closed = new ClamdScanner('127.0.0.1', 9, 500);
    expect((await closed.scan(bytes(MINIMAL_PDF))).kind).toBe('unavailable');
  });
});
