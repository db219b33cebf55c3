// The key an address is throttled under. IPv6 users and attackers alike get a whole /64
// (often far more), so throttling single IPv6 addresses would let one host rotate through
// 2^64 buckets; the /64 prefix is the unit a host controls. IPv4-mapped IPv6 is plain IPv4.
import { isIPv4, isIPv6 } from 'node:net';

export function sourceAddressKey(source: string): string {
  // A transport that lost the peer address must not crash the login path: such attempts share one bucket.
  const address = String(source ?? '')
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (isIPv4(address)) return address;
  const withoutZone = address.replace(/%.*$/, '');
  if (!isIPv6(withoutZone)) return `other:${address.slice(0, 128)}`;
  const groups = expandIPv6(withoutZone);
  const mapped = groups.slice(0, 6).join(':') === '0:0:0:0:0:ffff';
  if (mapped) {
    const high = Number.parseInt(groups[6] ?? '0', 16);
    const low = Number.parseInt(groups[7] ?? '0', 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** Eight groups without leading zeros; the input has already passed isIPv6. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const toGroups = (part: string): string[] => (part === '' ? [] : part.split(':').flatMap(ipv4ToGroups));
  const left = toGroups(head);
  const right = tail === undefined ? [] : toGroups(tail);
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16).toString(16));
}

/** A trailing dotted quad (`::ffff:1.2.3.4`) stands for two groups. */
function ipv4ToGroups(group: string): string[] {
  if (!group.includes('.')) return [group];
  const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
