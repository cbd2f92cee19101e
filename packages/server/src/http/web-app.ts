import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import type { ZodApp } from './zod-app.js';

/** The built web app (`npm run build` → packages/web/dist), beside this package in the workspace. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * The pages' security policy. Scripts and styles come from this origin only (no CDN, no inline
 * script); bpmn-js sets inline style attributes on the diagram, hence style-src 'unsafe-inline'.
 * PDFs are shown in frames from blob: addresses the page makes of what the API sent.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface WebFile {
  readonly bytes: Buffer;
  readonly type: string;
  /** The same bytes gzipped, for text a browser would download a third of (scripts, styles, the page). */
  readonly gzipped: Buffer | null;
}

/** What is worth compressing: text, not images, fonts already compressed, or source maps read only by developers. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

/** Every file of the build, read once: a request names a key of this map, never a path on disk. */
async function readBuild(dir: string): Promise<Map<string, WebFile>> {
  const files = new Map<string, WebFile>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const url = `/${path.relative(dir, full).split(path.sep).join('/')}`;
    // The page and its hashed assets are the app; anything else left in the folder is not published.
    if (url !== '/index.html' && !url.startsWith('/assets/')) continue;
    const bytes = await readFile(full);
    const extension = path.extname(entry.name);
    files.set(url, {
      bytes,
      type: TYPES[extension] ?? 'application/octet-stream',
      gzipped: COMPRESSIBLE.has(extension) ? gzipSync(bytes, { level: 9 }) : null,
    });
  }
  return files;
}

/** Paths the API and the operations own; the app's own routes are everything else. */
const NOT_THE_APP = /^\/(api|verify|healthz|readyz|metrics)(\/|$)/;

/**
 * Serves the React app: its hashed assets with a year's caching, and index.html for every other
 * page address (the app routes in the browser), with the security headers. Nothing is served when
 * the app has not been built; the API works alone.
 */
export async function registerWebApp(app: ZodApp, dir: string = DEFAULT_WEB_DIR): Promise<boolean> {
  if (!existsSync(path.join(dir, 'index.html'))) {
    app.log.info({ dir }, 'the web app is not built (npm run build); serving the API only');
    return false;
  }
  const files = await readBuild(dir);
  const index = files.get('/index.html') as WebFile;
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (NOT_THE_APP.test(url)) return reply.callNotFound();
    reply
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('x-frame-options', 'DENY');
    const file = files.get(url);
    if (file && url !== '/index.html') {
      const immutable = url.startsWith('/assets/');
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return sendFile(reply, file, request.headers['accept-encoding']);
    }
    // A missing asset is a 404, not the app: a stale page asking for an old bundle must fail plainly.
    if (url.startsWith('/assets/') || path.extname(url) !== '') return reply.callNotFound();
    reply.header('content-security-policy', WEB_CONTENT_SECURITY_POLICY).header('cache-control', 'no-cache');
    return sendFile(reply, index, request.headers['accept-encoding']);
  });
  return true;
}

/** The file, gzipped when the browser accepts it (every browser does; a bare HTTP client may not). */
function sendFile(reply: FastifyReply, file: WebFile, acceptEncoding: string | undefined) {
  reply.type(file.type).header('vary', 'accept-encoding');
  if (file.gzipped && /\bgzip\b/.test(acceptEncoding ?? '')) {
    return reply.header('content-encoding', 'gzip').send(file.gzipped);
  }
  return reply.send(file.bytes);
}
