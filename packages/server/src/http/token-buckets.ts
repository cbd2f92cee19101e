/** What a bucket answers when a request takes from it. */
export interface Take {
  readonly allowed: boolean;
  /** Requests still allowed right now, after this one. */
  readonly remaining: number;
  /** Seconds until one more request is allowed (0 when one is allowed now). */
  readonly retryAfterSeconds: number;
  /** Seconds until the bucket is full again, as if the client stopped now. */
  readonly resetSeconds: number;
}

export interface TokenBucketsOptions {
  /** Requests a client may make in one window, all at once or spread. */
  readonly limit: number;
  readonly windowMs: number;
  /** The most clients remembered at once; the one seen longest ago is forgotten first. */
  readonly maxClients: number;
  readonly now: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * One token bucket per client key: it holds `limit` tokens, a request takes one, and it refills at
 * `limit` per window — a burst of `limit`, then `limit` per window, and a full budget again one
 * window after the client stops. Memory is bounded: at most `maxClients` buckets, kept in a Map in
 * the order they were last used, so the least recently seen client is forgotten first in O(1).
 * Forgetting a client gives it a full bucket, which is what it would have after a quiet window
 * anyway; an attacker with more addresses than `maxClients` gains nothing their addresses would not
 * give them, and cannot grow the process.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(private readonly options: TokenBucketsOptions) {
    if (!(options.limit > 0 && options.windowMs > 0 && options.maxClients > 0)) {
      throw new Error('a token bucket needs a positive limit, window and number of clients');
    }
    this.refillPerMs = options.limit / options.windowMs;
  }

  /** How many clients are remembered now (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  take(key: string): Take {
    const now = this.options.now();
    const { limit } = this.options;
    const known = this.buckets.get(key);
    // A clock that went back (an NTP step) refills nothing and takes nothing away.
    const elapsed = known ? Math.max(0, now - known.updatedAt) : 0;
    const bucket: Bucket = {
      tokens: known ? Math.min(limit, known.tokens + elapsed * this.refillPerMs) : limit,
      updatedAt: now,
    };
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    // Re-inserted at the end: the Map's first key is always the least recently seen client.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.options.maxClients) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return {
      allowed,
      remaining: Math.floor(bucket.tokens),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000)),
      resetSeconds: Math.ceil((limit - bucket.tokens) / this.refillPerMs / 1000),
    };
  }
}
