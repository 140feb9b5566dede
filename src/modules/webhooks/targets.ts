import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { MessageKey } from '../../shared/i18n/index.ts';

/**
 * Addresses a webhook may not reach unless the installation allows it (`WEBHOOK_PRIVATE_TARGETS`):
 * this machine, private networks, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
 * multicast and reserved ranges (RFC 1918, RFC 6598, RFC 3927, RFC 4193, RFC 4291).
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
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
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
