import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { withTimeout } from './cdp.js';

export type AddressClass = 'private' | 'public';

/** Where a host name points: this machine and its network, or the public internet. */
export interface AddressPolicy {
  classify(hostname: string): Promise<{ class: AddressClass; address: string | null }>;
}

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
  ['100.64.0.0', 10],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
PRIVATE.addAddress('::', 'ipv6');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

/** Loopback, private (RFC 1918, ULA), link-local and carrier-grade NAT addresses, IPv4-mapped ones included. */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return PRIVATE.check(bare, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  return PRIVATE.check(bare, 'ipv6');
}

const LOOKUP_MS = 5000;

/**
 * The machine's own view: an address literal is what it says; localhost is
 * this machine; a name is resolved, and is private if any of its addresses
 * is. A name that does not resolve here is not known to be private.
 */
export const systemAddressPolicy: AddressPolicy = {
  async classify(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (isIP(host)) return { class: isPrivateAddress(host) ? 'private' : 'public', address: host };
    if (host === 'localhost' || host.endsWith('.localhost')) return { class: 'private', address: '127.0.0.1' };
    try {
      const addresses = await withTimeout(lookup(host, { all: true }), LOOKUP_MS, `resolving ${host}`);
      const inside = addresses.find((a) => isPrivateAddress(a.address));
      return inside ? { class: 'private', address: inside.address } : { class: 'public', address: addresses[0]?.address ?? null };
    } catch {
      return { class: 'public', address: null };
    }
  },
};

export interface BlockedRequest {
  url: string;
  address: string | null;
  reason: string;
}

/**
 * A page on the public web may not reach the investigator's own machine or
 * network through the capturing browser (a router, a local service): what
 * it would read there would be sealed into the evidence. Such requests are
 * refused before they are sent, and recorded. A page that is itself on this
 * machine or network (captured deliberately) is not guarded.
 */
export class AddressGuard {
  readonly blocked: BlockedRequest[] = [];
  private readonly cache = new Map<string, Promise<{ class: AddressClass; address: string | null }>>();

  private constructor(private readonly policy: AddressPolicy) {}

  /** A guard for a capture of this page, or null when the page itself is private. */
  static async forPage(page: URL, policy: AddressPolicy = systemAddressPolicy): Promise<AddressGuard | null> {
    const guard = new AddressGuard(policy);
    return (await guard.classOf(page.hostname)).class === 'private' ? null : guard;
  }

  /** Whether a request to this URL must be refused; if so it is recorded. */
  async refuses(url: string): Promise<boolean> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return false;
    const c = await this.classOf(parsed.hostname);
    if (c.class !== 'private') return false;
    this.blocked.push({ url, address: c.address, reason: 'a public page asked for an address on this machine or its private network' });
    return true;
  }

  private classOf(hostname: string): Promise<{ class: AddressClass; address: string | null }> {
    let c = this.cache.get(hostname);
    if (!c) {
      c = this.policy.classify(hostname);
      this.cache.set(hostname, c);
    }
    return c;
  }
}
