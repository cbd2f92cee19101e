import './reflect.js';
import * as x509 from '@peculiar/x509';
import { RuqsatError } from '@ruqsat/core';
import { signDetached } from './cms-sign.js';
import { Oid } from './oids.js';
import type { KeyFile } from './pkcs12.js';

/**
 * Client-side signing, two ways. Most Kazakh users already run NCALayer, the national CA's
 * signing app, which holds their keys (files, ID cards, tokens) and signs on request over a local
 * WebSocket; the rest choose a key file, opened in the page. `chooseSigner` asks NCALayer first
 * and falls back to the key file, so the page does not need to know which the user has.
 */
export interface RequestSigner {
  readonly kind: 'ncalayer' | 'key-file';
  /** Detached CMS over `content`, made with the user's AUTH key (sign-in) or SIGN key (documents). */
  sign(content: Uint8Array, purpose: 'auth' | 'sign'): Promise<Uint8Array>;
  close(): void;
}

/** Where NCALayer listens on every machine it is installed on. */
export const NCALAYER_URL = 'wss://127.0.0.1:13579/';
const BASICS = 'kz.gov.pki.knca.basics';

/** The part of the WebSocket API the client uses: the browser's, Node ≥ 22's, or the `ws` package's. */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  readonly readyState: number;
  send(data: string): void;
  close(): void;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface NcaLayerOptions {
  readonly url?: string;
  /** How long to wait for NCALayer to answer the connection before deciding it is not there. */
  readonly connectTimeoutMs?: number;
  /** Defaults to the platform's WebSocket. */
  readonly webSocket?: WebSocketFactory;
  /** The language of NCALayer's own dialogs. */
  readonly locale?: 'kk' | 'ru' | 'en';
  /**
   * How long one signature may take — the user picks a key and types its PIN in NCALayer's
   * dialog — before the request is given up, so a hung NCALayer cannot block the queue for good.
   */
  readonly requestTimeoutMs?: number;
}

/** Speaks the `kz.gov.pki.knca.basics` module of NCALayer: one request at a time, as NCALayer does. */
export class NcaLayerSigner implements RequestSigner {
  readonly kind = 'ncalayer';
  #pending: { resolve: (value: unknown) => void; reject: (error: unknown) => void } | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly version: string,
    readonly url: string,
    private readonly socket: WebSocketLike,
    private readonly locale: string,
    private readonly requestTimeoutMs: number,
  ) {
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = () => this.#fail(new RuqsatError('NCALAYER_UNAVAILABLE', { reason: 'connection closed' }));
    socket.onerror = () => this.#fail(new RuqsatError('NCALAYER_UNAVAILABLE', { reason: 'connection failed' }));
  }

  /** Connects and waits for NCALayer's greeting (`{"result":{"version":…}}`); refuses NCALAYER_UNAVAILABLE. */
  static connect(options: NcaLayerOptions = {}): Promise<NcaLayerSigner> {
    const url = options.url ?? NCALAYER_URL;
    const open = options.webSocket ?? platformWebSocket;
    return new Promise((resolve, reject) => {
      let socket: WebSocketLike;
      const give = (reason: string) => {
        clearTimeout(timer);
        socket?.close();
        reject(new RuqsatError('NCALAYER_UNAVAILABLE', { reason }));
      };
      const timer = setTimeout(() => give('no answer'), options.connectTimeoutMs ?? 1500);
      try {
        socket = open(url);
      } catch (error) {
        give(error instanceof Error ? error.message : 'cannot connect');
        return;
      }
      socket.onerror = () => give('connection refused');
      socket.onclose = () => give('connection closed');
      socket.onmessage = (event) => {
        const greeting = parse(event.data) as { result?: { version?: unknown } } | null;
        if (typeof greeting?.result?.version !== 'string') return; // heartbeats and the like
        clearTimeout(timer);
        resolve(
          new NcaLayerSigner(
            greeting.result.version,
            url,
            socket,
            options.locale ?? 'kk',
            options.requestTimeoutMs ?? 5 * 60_000,
          ),
        );
      };
    });
  }

  sign(content: Uint8Array, purpose: 'auth' | 'sign'): Promise<Uint8Array> {
    const request = {
      module: BASICS,
      method: 'sign',
      args: {
        allowedStorages: null,
        format: 'cms',
        data: toBase64(content),
        signingParams: { decode: true, encapsulate: false, digested: false, tsaProfile: null },
        // NCALayer offers only keys with this purpose, so the user cannot pick the wrong one.
        signerParams: { extKeyUsageOids: [purpose === 'auth' ? Oid.clientAuth : Oid.emailProtection], chain: [] },
        locale: this.locale,
      },
    };
    const next = this.#queue.then(() => this.#call(request)).then(signatureOf);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Closes the connection; a signature still awaited is refused, not left hanging. */
  close(): void {
    this.socket.onclose = null;
    this.socket.onerror = null;
    this.socket.onmessage = null;
    this.socket.close();
    this.#fail(new RuqsatError('NCALAYER_UNAVAILABLE', { reason: 'closed' }));
  }

  #call(request: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.socket.readyState !== 1) {
        reject(new RuqsatError('NCALAYER_UNAVAILABLE', { reason: 'connection closed' }));
        return;
      }
      const timer = setTimeout(
        () => this.#fail(new RuqsatError('NCALAYER_UNAVAILABLE', { reason: 'no answer in time' })),
        this.requestTimeoutMs,
      );
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          then(value);
        };
      this.#pending = { resolve: settle(resolve), reject: settle(reject) };
      this.socket.send(JSON.stringify(request));
    });
  }

  #receive(data: unknown): void {
    const message = parse(data);
    if (message === null || !this.#pending) return; // heartbeat, keep-alive, or nothing asked
    const pending = this.#pending;
    this.#pending = null;
    pending.resolve(message);
  }

  #fail(error: RuqsatError): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.reject(error);
  }
}

/**
 * A key file opened in the page (see `fromPkcs12`) signing on its own. It refuses at once, with
 * KEY_PURPOSE_MISMATCH, to sign with a key of the other purpose (an AUTH key for a document), which
 * the server would refuse anyway — after the user had waited for the upload.
 */
export function keyFileSigner(key: KeyFile, clock: () => Date = () => new Date()): RequestSigner {
  const usages = key.certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String) ?? [];
  return {
    kind: 'key-file',
    sign: async (content, purpose) => {
      if (!usages.includes(purpose === 'auth' ? Oid.clientAuth : Oid.emailProtection)) {
        throw new RuqsatError('KEY_PURPOSE_MISMATCH', { purpose });
      }
      return signDetached(content, key, clock());
    },
    close: () => undefined,
  };
}

/**
 * NCALayer when it answers, otherwise the key file the user chooses: `openKeyFile` is asked only
 * when NCALayer is not there (it shows the file picker and the password field).
 */
export async function chooseSigner(
  openKeyFile: () => Promise<KeyFile>,
  options: NcaLayerOptions = {},
): Promise<RequestSigner> {
  try {
    return await NcaLayerSigner.connect(options);
  } catch (error) {
    if (!(error instanceof RuqsatError) || error.code !== 'NCALAYER_UNAVAILABLE') throw error;
    return keyFileSigner(await openKeyFile());
  }
}

/** `{status:true, body:{result:[cms]}}` is a signature; `{status:true, body:{}}` is the user's "cancel". */
function signatureOf(answer: unknown): Uint8Array {
  const reply = answer as { status?: unknown; code?: unknown; message?: unknown; body?: { result?: unknown } };
  if (reply.status !== true) {
    throw new RuqsatError('NCALAYER_FAILED', {
      ncalayerCode: typeof reply.code === 'string' ? reply.code : null,
      ncalayerMessage: typeof reply.message === 'string' ? reply.message : null,
    });
  }
  const result = reply.body?.result;
  const cms = Array.isArray(result) ? result[0] : result;
  if (cms === undefined) throw new RuqsatError('SIGNING_CANCELLED');
  if (typeof cms !== 'string') throw new RuqsatError('NCALAYER_FAILED', { ncalayerCode: 'UNEXPECTED_ANSWER' });
  try {
    // NCALayer may wrap the base64 in PEM armour or line breaks.
    return fromBase64(cms.replace(/-----[^-]+-----|\s/g, ''));
  } catch {
    throw new RuqsatError('SIGNATURE_MALFORMED');
  }
}

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    return value !== null && typeof value === 'object' && Object.keys(value).length > 0 ? value : null;
  } catch {
    return null; // '--heartbeat--'
  }
}

function platformWebSocket(url: string): WebSocketLike {
  const Native = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (!Native) throw new Error('no WebSocket on this platform');
  return new Native(url);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
