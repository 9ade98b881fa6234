import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/**
 * Where a webhook may be sent: the public internet only. A receiver's URL is typed by an API key,
 * a platform admin or an office's account; without this, it could aim the worker at its own
 * network (MongoDB, the worker's metrics, a cloud's metadata service at 169.254.169.254) and read
 * the answers back in the delivery log. Checked when the URL is registered and again at every
 * connection, on the addresses the connection then uses (no second lookup a DNS answer could
 * change in between).
 */
const notPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  notPublic.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  notPublic.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address an IPv6 one carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (!groups) return null;
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  const zero = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  if (zero(0, 5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!); // ::ffff:a.b.c.d
  if (zero(0, 6)) return v4(groups[6]!, groups[7]!); // ::a.b.c.d (deprecated IPv4-compatible)
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zero(2, 6)) return v4(groups[6]!, groups[7]!); // NAT64
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!); // 6to4
  return null;
}

/** An IPv6 address as its eight 16-bit groups (dotted IPv4 tails included); null for no IPv6 address. */
function expandIpv6(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const parts = (part: string | null | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const before = parts(head);
  const after = parts(tail);
  return tail === null ? before : [...before, ...new Array(8 - before.length - after.length).fill(0), ...after];
}

/** Whether a connection to this address stays on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !notPublic.check(address, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedIpv4(address);
  if (v4 !== null) return isPublicAddress(v4);
  return !notPublic.check(address, 'ipv6');
}

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;
export const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

export class PrivateTargetError extends Error {
  readonly code = 'EPRIVATETARGET';
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to ${address}, which is not on the public internet`);
    this.name = 'PrivateTargetError';
  }
}

/**
 * The addresses to connect to for a URL's host: every address it resolves to must be public (one
 * private answer refuses the name: a DNS answer may list a public address first and a private one
 * next). `allowPrivate` (WEBHOOK_ALLOW_PRIVATE, development and tests only) lets local receivers in.
 */
export async function publicAddresses(hostname: string, { allowPrivate = false, resolve = systemResolve }: { allowPrivate?: boolean; resolve?: Resolve } = {}) {
  const bare = hostname.replace(/^\[|\]$/g, '');
  const addresses: LookupAddress[] = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await resolve(bare);
  if (!allowPrivate) {
    const blocked = addresses.find(({ address }) => !isPublicAddress(address));
    if (blocked) throw new PrivateTargetError(bare, blocked.address);
  }
  return addresses;
}
