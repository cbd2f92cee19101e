import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';
import { WebSocketServer } from 'ws';
import type { IssuedKey } from '../certification-authority.js';
import { signDetached } from '../cms-sign.js';

/** sign; cancel as the user; fail; greet nobody (silent); hang up on a request; hold it unanswered. */
export type FakeBehaviour = 'sign' | 'cancel' | 'fail' | 'silent' | 'hang-up' | 'hold';

/**
 * A local stand-in for NCALayer that speaks its wire protocol as the real one does: the greeting
 * `{"result":{"version":"1.4"}}`, heartbeats, and `kz.gov.pki.knca.basics` `sign` answered
 * `{status, body:{result:[cms]}}`. It holds the user's keys and picks the one whose purpose the
 * request names, the way NCALayer filters the keys it offers.
 */
export class FakeNcaLayer {
  readonly requests: Record<string, unknown>[] = [];
  /** What happened, in order: lets a test check that requests never overlap. */
  readonly log: ('received' | 'answered')[] = [];
  behaviour: FakeBehaviour = 'sign';

  private constructor(
    private readonly server: WebSocketServer,
    private readonly keys: readonly IssuedKey[],
  ) {
    server.on('connection', (socket) => {
      if (this.behaviour === 'silent') return;
      socket.send('--heartbeat--');
      socket.send(JSON.stringify({ result: { version: '1.4' } }));
      socket.on('message', async (raw) => {
        const request = JSON.parse(String(raw)) as { module: string; method: string; args: Record<string, unknown> };
        this.requests.push(request);
        this.log.push('received');
        socket.send('--heartbeat--');
        if (this.behaviour === 'hang-up') return socket.close();
        if (this.behaviour === 'hold') return;
        const answer = await this.answer(request);
        this.log.push('answered');
        socket.send(JSON.stringify(answer));
      });
    });
  }

  static async start(keys: readonly IssuedKey[]): Promise<FakeNcaLayer> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    return new FakeNcaLayer(server, keys);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: { module: string; method: string; args: Record<string, unknown> }) {
    if (request.module !== 'kz.gov.pki.knca.basics') return { success: false, errorCode: 'MODULE_NOT_FOUND' };
    if (request.method !== 'sign') return { status: false, code: 'INVOCATION_ERROR', message: 'no such method' };
    if (this.behaviour === 'cancel') return { status: true, body: {} };
    if (this.behaviour === 'fail') return { status: false, code: 'SIGNING_FAILURE', message: 'token removed' };
    const wanted = (request.args.signerParams as { extKeyUsageOids: string[] }).extKeyUsageOids;
    const key = this.keys.find((k) => wanted.every((oid) => usagesOf(k).includes(oid)));
    if (!key) return { status: false, code: 'SIGNING_FAILURE', message: 'no key with this purpose' };
    const data = Buffer.from(String(request.args.data), 'base64');
    const cms = await signDetached(new Uint8Array(data), key, new Date());
    return { status: true, body: { result: [Buffer.from(cms).toString('base64')] } };
  }
}

function usagesOf(key: IssuedKey): string[] {
  return key.certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String) ?? [];
}
