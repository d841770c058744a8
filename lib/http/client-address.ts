/**
 * Which address a request came from, decided once by the HTTP server (server.ts) before
 * Next.js sees the request, and handed to the app in CLIENT_ADDRESS_HEADER
 * (lib/http/client-ip.ts reads it).
 *
 * The socket's peer is the client, unless the operator says it is a proxy: by a number of
 * trusted hops (TRUSTED_PROXY_HOPS) or by the proxies' addresses (TRUSTED_PROXIES). Only
 * then is X-Forwarded-For read, from the right (the entries our own proxies appended), and
 * only as far as the trust reaches; whatever a client wrote further left is ignored. With
 * no trust configured, a client's X-Forwarded-For and X-Real-IP count for nothing.
 */
import { BlockList, isIP } from "node:net";

export type ProxyTrust =
  | { kind: "none" }
  /** The last `hops` hops in front of this server are proxies (1: one proxy, such as nginx). */
  | { kind: "hops"; hops: number }
  /** Peers in these ranges are proxies; the first address from the right outside them is the client. */
  | { kind: "addresses"; list: BlockList };

/** Named ranges accepted in TRUSTED_PROXIES besides addresses and CIDR ranges. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
};

export class ProxyTrustError extends Error {}

/** One TRUSTED_PROXIES entry ("10.0.0.0/8", "203.0.113.7", "::1", "loopback") into `list`; throws on nonsense. */
function addEntry(list: BlockList, entry: string): void {
  const named = NAMED_RANGES[entry.toLowerCase()];
  if (named) {
    for (const range of named) addEntry(list, range);
    return;
  }
  const [address = "", prefixText, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) throw new ProxyTrustError(`"${entry}" is not an IP address or CIDR range`);
  const type = family === 4 ? "ipv4" : "ipv6";
  if (prefixText === undefined) {
    list.addAddress(address, type);
    return;
  }
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) {
    throw new ProxyTrustError(`"${entry}" has an invalid prefix length`);
  }
  list.addSubnet(address, prefix, type);
}

/**
 * The trust configured by TRUSTED_PROXY_HOPS (a whole number, 0 by default) or
 * TRUSTED_PROXIES (comma-separated addresses, CIDR ranges, or loopback / private /
 * linklocal). Setting both is refused: they would disagree about the same chain.
 */
export function parseProxyTrust(hops: string | undefined, addresses: string | undefined): ProxyTrust {
  const hopsText = hops?.trim() ?? "";
  const entries = (addresses ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (hopsText !== "" && hopsText !== "0" && entries.length > 0) {
    throw new ProxyTrustError("set TRUSTED_PROXY_HOPS or TRUSTED_PROXIES, not both");
  }
  if (entries.length > 0) {
    const list = new BlockList();
    for (const entry of entries) addEntry(list, entry);
    return { kind: "addresses", list };
  }
  if (hopsText === "") return { kind: "none" };
  if (!/^\d{1,2}$/.test(hopsText))
    throw new ProxyTrustError(`TRUSTED_PROXY_HOPS must be a whole number, not "${hops}"`);
  const count = Number(hopsText);
  return count === 0 ? { kind: "none" } : { kind: "hops", hops: count };
}

/**
 * "203.0.113.7", "[2001:db8::1]:443", "203.0.113.7:51234", "::ffff:192.0.2.1" → the bare,
 * canonical address (IPv4-mapped IPv6 as IPv4), or null when it is not an address.
 */
export function canonicalAddress(candidate: string | undefined | null): string | null {
  if (!candidate) return null;
  let value = candidate.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1]!;
  const family = isIP(value);
  if (family === 0) return null;
  return family === 6 ? value.toLowerCase() : value;
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address. `peer` is the socket's remote address; `forwardedFor` the
 * X-Forwarded-For header as received (several headers joined with ", ").
 * Null only when the peer itself is unknown (a socket already closed).
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: ProxyTrust,
): string | null {
  const socketAddress = canonicalAddress(peer);
  if (!socketAddress || trust.kind === "none") return socketAddress;

  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  // The chain as this server sees it, nearest last: what the proxies recorded, then the peer.
  const chain = [...header.split(",").map((entry) => entry.trim()), socketAddress].filter((entry) => entry !== "");

  if (trust.kind === "hops") {
    // With N trusted hops the client is the (N+1)-th address from the right; a shorter
    // chain means a request that bypassed some proxy: take the furthest address there is.
    const index = Math.max(0, chain.length - 1 - trust.hops);
    return nearestValidAt(chain, index) ?? socketAddress;
  }

  // Walk left from the peer while the address is one of our proxies.
  let index = chain.length - 1;
  while (index > 0) {
    const address = canonicalAddress(chain[index]);
    if (!address || !isTrusted(trust.list, address)) break;
    index--;
  }
  return nearestValidAt(chain, index) ?? socketAddress;
}

/**
 * The address at `index`, or, when a proxy recorded something that is not an address,
 * the nearest valid one to its right (recorded by a proxy we trust).
 */
function nearestValidAt(chain: string[], index: number): string | null {
  for (let position = index; position < chain.length; position++) {
    const address = canonicalAddress(chain[position]);
    if (address) return address;
  }
  return null;
}
