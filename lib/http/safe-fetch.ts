/**
 * Fetching a file from an address that came from outside (an imported site's media),
 * without letting that address reach into our own network (SSRF):
 *
 * - only http: and https:, default ports or any port of a public address;
 * - the host name is resolved here, every address it resolves to must be public (no
 *   loopback, private, link-local, carrier-grade NAT, multicast, reserved or unspecified
 *   address, IPv4-mapped or NAT64 forms included), and the connection is made to the
 *   address that was checked, so a second DNS answer cannot swap it (DNS rebinding);
 * - redirects are followed by hand, each hop checked the same way, at most `maxRedirects`;
 * - a size limit (Content-Length first, then the bytes as they arrive) and a time limit
 *   for the whole fetch, redirects included;
 * - the body is written to a file with its SHA-256 and first bytes, for the caller's type
 *   detection (lib/media/detect.ts).
 *
 * `allowLoopback` lets tests fetch from a server on 127.0.0.1/::1; it is off unless the
 * caller turns it on (IMPORT_FETCH_ALLOW_LOOPBACK, off by default).
 */
import { createHash } from "node:crypto";
import { lookup as dnsLookup } from "node:dns/promises";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

export type SafeFetchOptions = {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
  allowLoopback?: boolean;
  /** Refuses the fetch from its first bytes (e.g. not an image): return a message to stop. */
  checkHead?: (head: Uint8Array) => string | null;
  /** For tests: resolves a host name to its addresses. */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
};

export type SafeFetchResult =
  | { ok: true; size: number; sha256: string; head: Uint8Array; contentType: string; finalUrl: string }
  | { ok: false; message: string; unreachable?: boolean };

const HEAD_BYTES = 4096;

const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  BLOCKED.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  // The whole IPv4-compatible block (::a.b.c.d, also written ::7f00:1), loopback included.
  ["::", 96],
  ["100::", 64],
  // 6to4 and local-use NAT64 carry an IPv4 address a relay would reach for us.
  ["2002::", 16],
  ["64:ff9b:1::", 48],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  BLOCKED.addSubnet(network, prefix, "ipv6");

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible or NAT64 (64:ff9b::/96) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = lower.match(/^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) return dotted[1]!;
  const hex = lower.match(/^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (hex) {
    const high = Number.parseInt(hex[1]!, 16);
    const low = Number.parseInt(hex[2]!, 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return null;
}

/** Why an address may not be fetched from, or null when it is a public address. */
export function refusedAddress(address: string, options: { allowLoopback?: boolean } = {}): string | null {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  const inner = family === 6 ? embeddedIpv4(address) : null;
  if (inner !== null) return refusedAddress(inner, options);
  const type = family === 4 ? "ipv4" : "ipv6";
  if (options.allowLoopback && LOOPBACK.check(address, type)) return null;
  if (BLOCKED.check(address, type)) return `${address} is a private, loopback or reserved address`;
  return null;
}

async function defaultResolve(hostname: string) {
  return dnsLookup(hostname, { all: true, verbatim: true });
}

/** The one checked address to connect to for this URL, or why there is none. */
async function checkedAddress(
  url: URL,
  options: SafeFetchOptions,
): Promise<{ ok: true; address: string; family: 4 | 6 } | { ok: false; message: string; unreachable?: boolean }> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { ok: false, message: `${url.protocol} is not http or https` };
  if (url.username || url.password) return { ok: false, message: "addresses with credentials are not fetched" };
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  if (isIP(hostname)) addresses = [{ address: hostname, family: isIP(hostname) }];
  else {
    try {
      addresses = await (options.resolve ?? defaultResolve)(hostname);
    } catch {
      return { ok: false, message: `${hostname} does not resolve`, unreachable: true };
    }
  }
  if (addresses.length === 0) return { ok: false, message: `${hostname} does not resolve`, unreachable: true };
  // Every address must be allowed: otherwise a name could answer with a public and a private one.
  for (const { address } of addresses) {
    const refused = refusedAddress(address, options);
    if (refused) return { ok: false, message: `refused: ${hostname} → ${refused}` };
  }
  const first = addresses[0]!;
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4 };
}

type Hop = { status: number; location: string | null; contentType: string } | SafeFetchResult;

/** One request to the checked address; a redirect is returned, not followed. */
function request(
  url: URL,
  address: string,
  family: 4 | 6,
  destination: string,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<Hop> {
  // The connection goes to the address checked above, whatever DNS would answer now.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    } else callback(null, address, family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const outgoing = client.get(
      url,
      { lookup: pinned, signal, headers: { "user-agent": "Quire-Import/1", accept: "image/*, application/pdf" } },
      (response) => {
        const status = response.statusCode ?? 0;
        const contentType = String(response.headers["content-type"] ?? "");
        if (status >= 300 && status < 400) {
          response.resume();
          resolve({ status, location: response.headers.location ?? null, contentType });
          return;
        }
        if (status !== 200) {
          response.resume();
          resolve({ ok: false, message: `the old site answered ${status}` });
          return;
        }
        const declared = Number(response.headers["content-length"] ?? "NaN");
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          response.destroy();
          resolve({ ok: false, message: `larger than ${options.maxBytes} bytes` });
          return;
        }
        const hash = createHash("sha256");
        const out = fs.createWriteStream(destination);
        // A full disk or an unwritable folder fails this file, never the process.
        out.on("error", (error) => fail(`cannot write the file: ${error.message}`));
        let size = 0;
        let head = Buffer.alloc(0);
        let settled = false;
        const fail = (message: string) => {
          if (settled) return;
          settled = true;
          response.destroy();
          out.destroy();
          resolve({ ok: false, message });
        };
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) return fail(`larger than ${options.maxBytes} bytes`);
          if (head.length < HEAD_BYTES) {
            const before = head.length;
            head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
            if (before < HEAD_BYTES && (head.length >= HEAD_BYTES || size === declared)) {
              const refused = options.checkHead?.(head);
              if (refused) return fail(refused);
            }
          }
          hash.update(chunk);
          if (!out.write(chunk)) response.pause();
        });
        out.on("drain", () => response.resume());
        response.on("error", () => fail("the connection was cut"));
        response.on("end", () => {
          if (settled) return;
          out.end(() => {
            if (settled) return;
            settled = true;
            const refused = head.length < HEAD_BYTES ? options.checkHead?.(head) : null;
            if (refused) resolve({ ok: false, message: refused });
            else resolve({ ok: true, size, sha256: hash.digest("hex"), head, contentType, finalUrl: url.toString() });
          });
        });
      },
    );
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      resolve({
        ok: false,
        message: signal.aborted
          ? `no answer within ${options.timeoutMs} ms`
          : `cannot connect (${error.code ?? error.message})`,
        unreachable: true,
      });
    });
  });
}

/** Fetches `address` into `destination` within the limits above. */
export async function safeFetchToFile(
  address: string,
  destination: string,
  options: SafeFetchOptions,
): Promise<SafeFetchResult> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, message: "not a valid address" };
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  const maxRedirects = options.maxRedirects ?? 5;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    // The time limit covers name resolution too (a resolver that does not answer).
    const timedOut = new Promise<{ ok: false; message: string; unreachable: true }>((resolve) => {
      const answer = () =>
        resolve({ ok: false, message: `no answer within ${options.timeoutMs} ms`, unreachable: true });
      if (signal.aborted) answer();
      else signal.addEventListener("abort", answer, { once: true });
    });
    const checked = await Promise.race([checkedAddress(url, options), timedOut]);
    if (!checked.ok) return checked;
    if (signal.aborted) return { ok: false, message: `no answer within ${options.timeoutMs} ms`, unreachable: true };
    const answer = await request(url, checked.address, checked.family, destination, options, signal);
    if ("ok" in answer) {
      if (!answer.ok) await fs.promises.rm(destination, { force: true });
      return answer;
    }
    if (!answer.location) return { ok: false, message: `the old site answered ${answer.status} without a Location` };
    try {
      url = new URL(answer.location, url);
    } catch {
      return { ok: false, message: "the old site redirected to an invalid address" };
    }
  }
  return { ok: false, message: `more than ${maxRedirects} redirects` };
}
