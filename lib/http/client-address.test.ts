import { describe, expect, it } from "vitest";
import { canonicalAddress, parseProxyTrust, ProxyTrustError, resolveClientAddress } from "./client-address";

const none = parseProxyTrust(undefined, undefined);

describe("resolveClientAddress without trusted proxies (the default)", () => {
  it("is the socket's peer, whatever the client wrote in X-Forwarded-For", () => {
    expect(resolveClientAddress("198.51.100.7", undefined, none)).toBe("198.51.100.7");
    expect(resolveClientAddress("198.51.100.7", "203.0.113.1", none)).toBe("198.51.100.7");
    expect(resolveClientAddress("198.51.100.7", ["203.0.113.1", "203.0.113.2"], none)).toBe("198.51.100.7");
  });

  it("writes IPv4-mapped IPv6 peers as IPv4 and keeps IPv6", () => {
    expect(resolveClientAddress("::ffff:127.0.0.1", undefined, none)).toBe("127.0.0.1");
    expect(resolveClientAddress("2001:DB8::1", undefined, none)).toBe("2001:db8::1");
  });

  it("is null only when the peer is unknown", () => {
    expect(resolveClientAddress(undefined, "203.0.113.1", none)).toBeNull();
  });

  it("treats TRUSTED_PROXY_HOPS=0 and empty values as no trust", () => {
    expect(parseProxyTrust("0", "")).toEqual({ kind: "none" });
    expect(parseProxyTrust("", " , ")).toEqual({ kind: "none" });
  });
});

describe("resolveClientAddress with trusted hops", () => {
  const oneHop = parseProxyTrust("1", undefined);
  const twoHops = parseProxyTrust("2", undefined);

  it("takes the entry the nearest proxy appended, ignoring what the client prepended", () => {
    // client 198.51.100.7 sent "X-Forwarded-For: 10.9.8.7"; nginx at 10.0.0.2 appended the client.
    expect(resolveClientAddress("10.0.0.2", "10.9.8.7, 198.51.100.7", oneHop)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.7", oneHop)).toBe("198.51.100.7");
  });

  it("counts hops from the right across a CDN and a proxy", () => {
    // client → CDN (appends client) → nginx (appends CDN edge) → us
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.7, 203.0.113.50", twoHops)).toBe("198.51.100.7");
  });

  it("falls back to the furthest address when the chain is shorter than the hops", () => {
    expect(resolveClientAddress("10.0.0.2", undefined, oneHop)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.7", twoHops)).toBe("198.51.100.7");
  });

  it("reads several X-Forwarded-For headers as one list, and strips ports and brackets", () => {
    expect(resolveClientAddress("10.0.0.2", ["10.9.8.7", "[2001:db8::7]:443"], oneHop)).toBe("2001:db8::7");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.7:51234", oneHop)).toBe("198.51.100.7");
  });

  it("never returns something that is not an address: it keeps the trusted proxy's view", () => {
    expect(resolveClientAddress("10.0.0.2", "<script>", oneHop)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.7, unknown", oneHop)).toBe("10.0.0.2");
  });
});

describe("resolveClientAddress with trusted proxy addresses", () => {
  const proxies = parseProxyTrust(undefined, "10.0.0.0/8, 2001:db8:ffff::/48, 203.0.113.50");

  it("ignores X-Forwarded-For when the peer is not one of the proxies", () => {
    expect(resolveClientAddress("198.51.100.7", "10.9.8.7", proxies)).toBe("198.51.100.7");
  });

  it("walks left past every trusted proxy to the first address that is not one", () => {
    expect(resolveClientAddress("10.0.0.2", "198.51.100.7", proxies)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.7, 203.0.113.50", proxies)).toBe("198.51.100.7");
    expect(resolveClientAddress("2001:db8:ffff::9", "2001:db8:1::5", proxies)).toBe("2001:db8:1::5");
  });

  it("cannot be fooled by a client that names a trusted proxy itself", () => {
    // The client wrote "10.1.1.1" hoping to be skipped past; the proxy appended the real address.
    expect(resolveClientAddress("10.0.0.2", "10.1.1.1, 198.51.100.7", proxies)).toBe("198.51.100.7");
  });

  it("takes the furthest address when every hop is a trusted proxy", () => {
    expect(resolveClientAddress("10.0.0.2", "10.0.0.9", proxies)).toBe("10.0.0.9");
  });

  it("matches IPv4-mapped peers against IPv4 ranges", () => {
    expect(resolveClientAddress("::ffff:10.0.0.2", "198.51.100.7", proxies)).toBe("198.51.100.7");
  });

  it("knows the named ranges loopback, private and linklocal", () => {
    const named = parseProxyTrust(undefined, "loopback, private");
    expect(resolveClientAddress("127.0.0.1", "198.51.100.7", named)).toBe("198.51.100.7");
    expect(resolveClientAddress("::1", "172.20.0.3, 198.51.100.7", named)).toBe("198.51.100.7");
    expect(resolveClientAddress("192.168.1.5", "198.51.100.7", named)).toBe("198.51.100.7");
    expect(resolveClientAddress("198.51.100.9", "198.51.100.7", named)).toBe("198.51.100.9");
  });
});

describe("parseProxyTrust", () => {
  it.each([
    ["x", undefined, "whole number"],
    ["-1", undefined, "whole number"],
    ["1", "10.0.0.0/8", "not both"],
    [undefined, "10.0.0.0/33", "prefix"],
    [undefined, "10.0.0.0/8/1", "not an IP address"],
    [undefined, "proxy.internal", "not an IP address"],
  ])("refuses TRUSTED_PROXY_HOPS=%j TRUSTED_PROXIES=%j", (hops, addresses, message) => {
    expect(() => parseProxyTrust(hops, addresses)).toThrow(ProxyTrustError);
    expect(() => parseProxyTrust(hops, addresses)).toThrow(message);
  });
});

describe("canonicalAddress", () => {
  it("accepts addresses with ports and brackets, and nothing else", () => {
    expect(canonicalAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(canonicalAddress("[::1]:80")).toBe("::1");
    expect(canonicalAddress("999.1.1.1")).toBeNull();
    expect(canonicalAddress("")).toBeNull();
  });
});
