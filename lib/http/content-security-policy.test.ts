import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  documentPolicy,
  frameworkScriptHashes,
  isStaffPath,
  resourcePolicy,
  scriptHash,
  securityHeaders,
} from "./content-security-policy.mjs";
import { allowInlineScript } from "./inline-scripts.mjs";

const sha = (source: string) => `'sha256-${createHash("sha256").update(source).digest("base64")}'`;

describe("frameworkScriptHashes (a page entering the cache)", () => {
  const page = (content: string) =>
    `<html><head><script src="/_next/static/chunks/a.js" async="" nonce="N1"></script></head><body>` +
    `<script nonce="N1">self.__next_f.push([1,"a"])</script>${content}` +
    `<script nonce="N1" id="_R_">(globalThis.TURBOPACK||[]).push(1)</script></body></html>`;

  it("hashes the inline scripts bearing the nonce of the framework's own script tags", () => {
    expect(frameworkScriptHashes(page(""))).toEqual([
      sha('self.__next_f.push([1,"a"])'),
      sha("(globalThis.TURBOPACK||[]).push(1)"),
    ]);
  });

  it("never hashes a script that got into the content, with or without a guessed nonce", () => {
    const injected = page(`<p>x</p><script>alert(1)</script><script nonce="guess">alert(2)</script>`);
    const hashes = frameworkScriptHashes(injected);
    expect(hashes).not.toContain(sha("alert(1)"));
    expect(hashes).not.toContain(sha("alert(2)"));
    expect(hashes).toHaveLength(2);
  });

  it("hashes nothing in a page without framework script tags", () => {
    expect(frameworkScriptHashes("<html><script>alert(1)</script></html>")).toEqual([]);
  });
});

describe("documentPolicy", () => {
  it("allows scripts by nonce, the page's hashes and registered inline scripts, never 'unsafe-inline'", () => {
    const registered = allowInlineScript("console.log('registered')");
    const policy = documentPolicy({ nonce: "abc", hashes: "'sha256-x'", staff: false, dev: false, https: false });
    const scripts = policy.split("; ").find((part) => part.startsWith("script-src "))!;
    expect(scripts).toContain("'self'");
    expect(scripts).toContain("'nonce-abc'");
    expect(scripts).toContain("'sha256-x'");
    expect(scripts).toContain(scriptHash(registered));
    expect(scripts).not.toContain("unsafe");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("gives staff pages the nonce and 'strict-dynamic' only", () => {
    const policy = documentPolicy({ nonce: "abc", hashes: "'sha256-x'", staff: true, dev: false, https: true });
    expect(policy).toContain("script-src 'nonce-abc' 'strict-dynamic';");
    expect(policy).toContain("upgrade-insecure-requests");
  });

  it("lets next dev use eval and its reload socket", () => {
    const policy = documentPolicy({ nonce: "abc", staff: false, dev: true, https: false });
    expect(policy).toContain("'unsafe-eval'");
    expect(policy).toContain("connect-src 'self' ws: wss:");
  });
});

describe("the other headers", () => {
  it("sends HSTS only when the site is https", () => {
    expect(securityHeaders({ https: true })).toContainEqual([
      "Strict-Transport-Security",
      "max-age=31536000; includeSubDomains",
    ]);
    expect(securityHeaders({ https: false }).map(([name]) => name)).not.toContain("Strict-Transport-Security");
    expect(securityHeaders({ https: false })).toContainEqual(["X-Frame-Options", "DENY"]);
  });

  it("locks down what is not a page, except what a PDF viewer needs", () => {
    expect(resourcePolicy("application/json")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(resourcePolicy("application/pdf")).toBe("frame-ancestors 'none'");
  });

  it("knows the staff pages", () => {
    expect(isStaffPath("/admin")).toBe(true);
    expect(isStaffPath("/admin/publications/3")).toBe(true);
    expect(isStaffPath("/login/reset")).toBe(true);
    expect(isStaffPath("/administration")).toBe(false);
    expect(isStaffPath("/")).toBe(false);
  });
});
