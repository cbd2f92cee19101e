import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

/** pako as pdf-lib resolves it: the copy whose `deflate` compresses every stream of our PDFs. */
const pako = createRequire(createRequire(import.meta.url).resolve('pdf-lib'))('pako') as {
  deflate: (data: Uint8Array, options?: unknown) => Uint8Array;
};

let done = false;

/**
 * pdf-lib compresses page contents and embedded fonts with pako, zlib written in JavaScript: a
 * tenth of a licence's cost. Node's zlib is the same format from C, several times faster. pdf-lib
 * has no hook for it, so pako's `deflate` is pointed at Node's — only as pdf-lib calls it, with
 * no options (zlib format, default level, as pako's default); any other call goes to pako still.
 * The PDF is the same to every reader (the tests read licences back with pdftotext and pdfsig).
 */
export function deflateNatively(): void {
  if (done) return;
  const own = pako.deflate;
  pako.deflate = (data, options) => (options === undefined ? deflateSync(data) : own(data, options));
  done = true;
}
