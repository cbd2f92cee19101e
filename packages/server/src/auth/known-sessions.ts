import type { Session } from './sign-in.js';

/** How many sessions an instance remembers; the least recently used is forgotten first. */
const DEFAULT_CAPACITY = 20_000;

/**
 * The sessions this instance has read lately, by token hash: who holds each (what the certificate
 * said at sign-in, never changed afterwards) and until when. Never proof that a session is still
 * live — it may have been ended on another instance a moment ago. A read that takes its principal
 * from here confirms the session in its own statement (`SignIn.liveCondition`), so the cache saves
 * a round trip and never a refusal.
 */
export class KnownSessions {
  private readonly byHash = new Map<string, Session>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** The session of a token hash, unless it is unknown here or has expired by `now`. */
  get(tokenHash: string, now: Date): Session | undefined {
    const session = this.byHash.get(tokenHash);
    if (!session) return undefined;
    this.byHash.delete(tokenHash);
    if (session.expiresAt <= now) return undefined;
    this.byHash.set(tokenHash, session); // now the most recently used
    return session;
  }

  remember(tokenHash: string, session: Session): void {
    this.byHash.delete(tokenHash);
    this.byHash.set(tokenHash, session);
    if (this.byHash.size > this.capacity) {
      const oldest = this.byHash.keys().next().value as string;
      this.byHash.delete(oldest);
    }
  }

  forget(tokenHash: string): void {
    this.byHash.delete(tokenHash);
  }

  get size(): number {
    return this.byHash.size;
  }
}
