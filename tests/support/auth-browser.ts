/**
 * A browser for next-auth's endpoints under /api/auth, served with the app's own options
 * (authOptions, which app/api/auth/[...nextauth]/route.ts hands to NextAuth): its own
 * cookie jar and client address, CSRF tokens fetched as next-auth/react does, Set-Cookie
 * answers kept. Sign-in, sign-out and the session cookie it ends up holding are the ones a
 * real browser would get: signed with the app's secret, read against the database.
 *
 * next-auth's App Router glue reads the request through `require("next/headers")`, which
 * vitest cannot stand in for; its Pages API glue takes the request as an argument and runs
 * the same core (AuthHandler) with the same options, so that is the door used here. Our
 * own code still sees next/headers (mocked with request-scope.ts). Needs NEXTAUTH_URL set.
 */
import type { NextApiRequest, NextApiResponse } from "next";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { asBrowser } from "./request-scope";

/** What next-auth's Pages API glue answers with, collected. */
class CollectedResponse {
  statusCode = 200;
  readonly headers = new Map<string, string | string[]>();
  body = "";
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  setHeader(name: string, value: string | string[]) {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }
  getHeader(name: string) {
    return this.headers.get(name.toLowerCase());
  }
  json(value: unknown) {
    this.setHeader("content-type", "application/json");
    this.body = JSON.stringify(value);
    return this;
  }
  send(value: unknown) {
    this.body = typeof value === "string" ? value : JSON.stringify(value);
    return this;
  }
  end() {
    return this;
  }
  toResponse(): Response {
    const headers = new Headers();
    for (const [name, value] of this.headers)
      for (const single of Array.isArray(value) ? value : [value]) headers.append(name, single);
    return new Response(this.statusCode === 302 ? null : this.body, { status: this.statusCode, headers });
  }
}

export class AuthBrowser {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly siteUrl: string,
    readonly ip: string,
  ) {}

  /** One request to /api/auth/…, answered by next-auth with the app's options. */
  async request(method: "GET" | "POST", path: string, form?: Record<string, string>): Promise<Response> {
    const { default: NextAuth } = await import("next-auth");
    const { authOptions } = await import("@/lib/auth/config");
    const url = new URL(path, this.siteUrl);
    const headers = new Headers({ host: url.host, [CLIENT_ADDRESS_HEADER]: this.ip, origin: url.origin });
    if (this.cookies.size > 0)
      headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    if (form) headers.set("content-type", "application/x-www-form-urlencoded");
    const nextauth = url.pathname.replace(/^\/api\/auth\//, "").split("/");
    const request = {
      method,
      query: { ...Object.fromEntries(url.searchParams), nextauth },
      body: form ?? {},
      cookies: Object.fromEntries(this.cookies),
      headers: Object.fromEntries(headers),
    } as unknown as NextApiRequest;
    const collected = new CollectedResponse();
    await asBrowser(this.cookies, headers, () =>
      NextAuth(request, collected as unknown as NextApiResponse, authOptions),
    );
    const response = collected.toResponse();
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const separator = pair!.indexOf("=");
      const [name, value] = [pair!.slice(0, separator).trim(), decodeURIComponent(pair!.slice(separator + 1).trim())];
      const expired = attributes.some(
        (attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=thu, 01 jan 1970/i.test(attribute),
      );
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  private async csrfToken(): Promise<string> {
    return ((await (await this.request("GET", "/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  }

  /** The sign-in form's request (next-auth/react's signIn with redirect: false): where next-auth sends the browser. */
  async signIn(
    email: string,
    password: string,
    callbackUrl = "/admin",
  ): Promise<{ url: string; error: string | null }> {
    const response = await this.request("POST", "/api/auth/callback/credentials", {
      email,
      password,
      callbackUrl,
      csrfToken: await this.csrfToken(),
      json: "true",
    });
    const { url } = (await response.json()) as { url: string };
    return { url, error: new URL(url).searchParams.get("error") };
  }

  /** The "Sign out" button (next-auth/react's signOut): where next-auth sends the browser. */
  async signOut(callbackUrl = "/login"): Promise<string> {
    const response = await this.request("POST", "/api/auth/signout", {
      callbackUrl,
      csrfToken: await this.csrfToken(),
      json: "true",
    });
    return ((await response.json()) as { url: string }).url;
  }

  /** The session cookie, as the browser holds it now. */
  sessionCookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}
