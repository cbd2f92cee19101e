import { isIP } from 'node:net';

/** Ranges proxy-addr (Fastify's trustProxy) knows by name. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'] as const;

/**
 * Whose `X-Forwarded-For` the server believes, as Fastify's `trustProxy` takes it. Unset: nobody's
 * — the socket's peer is the client, and a forged header changes nothing (the safe default: a
 * server reached directly cannot be fooled into counting an attacker under someone else's address).
 * Behind a load balancer: its addresses or CIDRs, comma-separated, or the number of proxy hops in
 * front. "Everyone" (`true`) is not offered: it would let any client pick its own address.
 */
export type TrustProxy = false | number | readonly string[];

/** Whether a TRUST_PROXY value is one we accept (for the configuration's check). */
export function isTrustProxySetting(value: string): boolean {
  return parseTrustProxy(value) !== null;
}

export function trustProxyOf(value: string | undefined): TrustProxy {
  if (value === undefined) return false;
  const parsed = parseTrustProxy(value);
  if (parsed === null) throw new Error(`TRUST_PROXY: not a hop count or a list of addresses: ${value}`);
  return parsed;
}

function parseTrustProxy(value: string): TrustProxy | null {
  const trimmed = value.trim();
  if (/^\d{1,2}$/.test(trimmed)) return Number(trimmed) === 0 ? false : Number(trimmed);
  const entries = trimmed.split(',').map((entry) => entry.trim());
  return entries.length > 0 && entries.every(isProxyEntry) ? entries : null;
}

function isProxyEntry(entry: string): boolean {
  if ((NAMED_RANGES as readonly string[]).includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
