import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between the server and PostgreSQL that a test can cut — every live connection
 * destroyed, new ones refused — and restore, to play a database that goes away and comes back
 * without restarting the machine's PostgreSQL; or silence — every byte either way dropped, nothing
 * closed, as a host that stops answering behind a firewall — and let speak again.
 */
export class CuttableTcpProxy {
  #server: Server | null = null;
  #silent = false;
  readonly #sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: { readonly host: string; readonly port: number },
  ) {}

  static async start(target: { readonly host: string; readonly port: number }): Promise<CuttableTcpProxy> {
    const probe = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port));
    });
    await new Promise((resolve) => probe.close(resolve));
    const proxy = new CuttableTcpProxy(port, target);
    await proxy.restore();
    return proxy;
  }

  get isOpen(): boolean {
    return this.#server !== null;
  }

  /** Connections live through the relay right now. */
  get liveConnections(): number {
    return this.#sockets.size / 2;
  }

  /** Listens again on the same port: new connections reach PostgreSQL. */
  async restore(): Promise<void> {
    if (this.#server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        // A cut resets the sockets; their errors are the point, not a failure of the relay.
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      const relay = (from: Socket, to: Socket) => {
        from.on('data', (chunk) => {
          if (!this.#silent) to.write(chunk);
        });
        from.on('end', () => to.end());
      };
      relay(client, upstream);
      relay(upstream, client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
  }

  /** Drops every byte from now on, both ways, on every connection old and new; closes nothing. */
  silence(): void {
    this.#silent = true;
  }

  /** Relays bytes again. What was dropped meanwhile is lost: a connection caught mid-statement is broken. */
  speak(): void {
    this.#silent = false;
  }

  /** Stops listening (new connections are refused) and resets every live connection. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const socket of this.#sockets) socket.resetAndDestroy();
    this.#sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
