import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { MessageKey } from '../../shared/i18n/index.ts';

/**
 * Addresses a webhook may not reach unless the installation allows it (`WEBHOOK_PRIVATE_TARGETS`):
 * this machine, private networks, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
 * multicast, documentation and benchmark ranges, and IPv6 forms that carry an IPv4 address (NAT64,
 * 6to4, IPv4-compatible) (RFC 1918, 6598, 3927, 5737, 2544, 4193, 4291, 6052, 3056).
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  // Unspecified, loopback and IPv4-compatible (::a.b.c.d); IPv4-mapped is checked as IPv4 below.
  ['::', 96],
  ['::ffff:0:0:0', 96], // IPv4-translated; IPv4-mapped (::ffff:a.b.c.d) is checked as IPv4 below
  ['64:ff9b::', 96], // NAT64: an IPv4 address behind a translator
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: an IPv4 address inside
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10], // site-local (deprecated, still routed inside some networks)
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  // The same written in hex, as URLs serialise it: ::ffff:7f00:1 is 127.0.0.1.
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [high, low] = [Number.parseInt(hex[1]!, 16), Number.parseInt(hex[2]!, 16)];
    return PRIVATE.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4');
  }
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * A DNS lookup for sending that refuses private addresses: used as the connection's own `lookup`, so
 * the address checked is the address connected to (a name cannot resolve to a public address when
 * checked and a private one when used).
 */
export function publicOnlyLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const usable = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (!usable.length) return callback(Object.assign(new Error(`${hostname} resolves only to private addresses`), { code: 'EPRIVATE' }), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      const [first] = usable as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}

/**
 * What is wrong with a webhook's address, or null: it must be an absolute `https://` URL (or `http://`
 * where private targets are allowed) without user name or password, at most 2,000 characters, whose
 * host resolves — and, unless allowed, only to public addresses.
 */
export async function targetProblem(raw: string, allowPrivate: boolean): Promise<MessageKey | null> {
  if (raw.length > 2000 || !URL.canParse(raw)) return 'webhook.urlInvalid';
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return 'webhook.urlNotHttps';
  if (url.username || url.password) return 'webhook.urlInvalid';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = await new Promise<LookupAddress[] | null>((resolve) =>
    dnsLookup(host, { all: true }, (error, found) => resolve(error ? null : found)),
  );
  if (!addresses?.length) return 'webhook.urlUnresolvable';
  if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) return 'webhook.urlPrivate';
  return null;
}
