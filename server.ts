/**
 * The site's HTTP server: Next.js (`next({ dev, dir })`) behind a small node:http server
 * that does, before the framework sees a request, what the framework cannot do safely:
 *
 * - the client's address, from the socket unless trusted proxies say otherwise
 *   (lib/http/client-address.ts), handed to the app in one header it trusts
 *   (lib/http/client-ip.ts); client-sent forwarding headers are dropped;
 * - the few route handlers that must take a flood (lib/http/direct-routes.mjs) called
 *   directly, without the framework's per-request work;
 * - searches (/search, GET /api/search) counted for the statistics before the page cache
 *   answers, and a repeated results page sent to its cached address (lib/http/search-requests.mjs);
 * - server-action requests checked, so forged or malformed ones get a 4xx rather than the
 *   framework's 500 (lib/http/action-guard.ts); nothing else pays for it;
 * - security headers and the Content-Security-Policy on every response
 *   (lib/http/content-security-policy.mjs), with a fresh script nonce per request;
 * - public pages' cache tags, for a front cache to purge by (lib/cache/front-cache.mjs);
 * - stopping: on SIGTERM or SIGINT it stops accepting connections, lets requests finish
 *   and the job workers reach a safe point (lib/shutdown.ts), within QUIRE_SHUTDOWN_SECONDS,
 *   then exits;
 * - the log: a JSON line per request (lib/log.ts, lib/http/request-log.ts) with its id, taken
 *   from a trusted proxy's X-Request-Id or made here, handed to the app in that header and
 *   echoed in the response's.
 *
 *   node --import tsx server.ts --dev [--port 3000] [--hostname 127.0.0.1]
 *   node .next/quire-server.mjs [--port 3000] [--hostname 127.0.0.1]   (production: the bundle `npm run build` writes)
 *
 * `npm start`, `npm run dev`, the end-to-end server, the benchmarks and the Docker image
 * all run it (scripts/lib/next-build.ts startSite, which bundles it for production).
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string" },
    hostname: { type: "string" },
  },
});
const dev = args.dev === true;
// Next.js and lib/env.ts read NODE_ENV when they load, hence the imports below come after.
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const { z } = await import("zod");
const { env } = await import("@/lib/env");
const { CLIENT_ADDRESS_HEADER } = await import("@/lib/http/client-ip");
const { parseProxyTrust, resolveClientAddress, ProxyTrustError } = await import("@/lib/http/client-address");
const guard = await import("@/lib/http/action-guard");
const csp = await import("@/lib/http/content-security-policy.mjs");
const { runShutdownHooks } = await import("@/lib/shutdown");
const { log } = await import("@/lib/log");
const { loggableTarget, requestIdFor, REQUEST_ID_HEADER } = await import("@/lib/http/request-log");
const { directRouteFor } = await import("@/lib/http/direct-routes.mjs");
const { frontCacheTagHeaders } = await import("@/lib/cache/front-cache.mjs");
const { isLegacyCandidate, legacyRedirectFor } = await import("@/lib/http/legacy-redirects.mjs");
const { routeSearchRequest } = await import("@/lib/http/search-requests.mjs");
const { default: next } = await import("next");

const port = z.coerce
  .number()
  .int()
  .min(0)
  .max(65535)
  .parse(args.port ?? process.env.PORT ?? 3000);
const hostname = args.hostname; // all interfaces when absent, as `next start`
// This file's folder, or the project's when it runs as the bundle written to .next/ (scripts/lib/next-build.ts).
const projectRoot =
  path.basename(import.meta.dirname) === ".next" ? path.dirname(import.meta.dirname) : import.meta.dirname;

let trust: ReturnType<typeof parseProxyTrust>;
try {
  trust = parseProxyTrust(String(env.TRUSTED_PROXY_HOPS), env.TRUSTED_PROXIES);
} catch (error) {
  if (error instanceof ProxyTrustError) {
    log.fatal(`Invalid environment:\n  TRUSTED_PROXIES: ${error.message}\nSee README, "Environment variables".`);
    process.exit(1);
  }
  throw error;
}

const https = new URL(env.SITE_URL).protocol === "https:";
const siteHost = new URL(env.SITE_URL).host;
const securityHeaders = csp.securityHeaders({ https });
/** Headers a client may send to claim another address or origin; dropped unless they came through a trusted proxy. */
const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

/** A response that adds the Content-Security-Policy when its headers go out, once its type is known. */
class SiteResponse extends http.ServerResponse<http.IncomingMessage> {
  nonce = "";
  staff = false;

  constructor(request: http.IncomingMessage) {
    super(request);
    // Next.js attaches a "close" listener per render task, this server one more.
    this.setMaxListeners(32);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- writeHead's overloads, passed through
  override writeHead(statusCode: number, ...rest: any[]): this {
    if (!this.headersSent) this.addPolicy(rest);
    return super.writeHead(statusCode, ...rest);
  }

  private addPolicy(rest: unknown[]): void {
    const hashesHeader = this.getHeader(csp.SCRIPT_HASHES_HEADER);
    this.removeHeader(csp.SCRIPT_HASHES_HEADER);
    const own = this.getHeader("content-security-policy");
    if (own !== undefined) {
      // A route with a policy of its own (media files): it may not be framed either.
      const policy = String(own);
      if (!policy.includes("frame-ancestors"))
        this.setHeader("Content-Security-Policy", `${policy}; frame-ancestors 'none'`);
      return;
    }
    const contentType = String(this.getHeader("content-type") ?? contentTypeIn(rest) ?? "").toLowerCase();
    if (contentType.startsWith("text/html")) {
      const hashes = [hashesHeader ?? ""].flat().join(" ").trim();
      this.setHeader(
        "Content-Security-Policy",
        csp.documentPolicy({ nonce: this.nonce, hashes, staff: this.staff, dev, https }),
      );
    } else {
      this.setHeader("Content-Security-Policy", csp.resourcePolicy(contentType));
    }
  }
}

/** A Content-Type given to writeHead itself rather than set before. */
function contentTypeIn(rest: unknown[]): string | undefined {
  const headers = rest.find((item) => typeof item === "object" && item !== null);
  if (!headers) return undefined;
  if (Array.isArray(headers)) {
    for (let index = 0; index < headers.length; index += 2) {
      if (String(headers[index]).toLowerCase() === "content-type") return String(headers[index + 1]);
    }
    return undefined;
  }
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === "content-type") return String(value);
  return undefined;
}

const responseClass = { ServerResponse: SiteResponse as unknown as typeof http.ServerResponse };
const publicServer = http.createServer(responseClass);
// Requests the server makes to itself (the job workers' cache revalidation, Next's own
// action redirects) go to a loopback listener, which keeps answering while the public one
// stops accepting connections and running jobs finish.
const privateServer = http.createServer(responseClass);

const app = next({ dev, dir: projectRoot, hostname: hostname ?? "localhost", port, httpServer: publicServer });
await app.prepare();
const handle = app.getRequestHandler();

let stopping = false;
let inFlight = 0;
let onIdle: (() => void) | null = null;

function serve(request: http.IncomingMessage, plainResponse: http.ServerResponse): void {
  const response = plainResponse as SiteResponse;
  inFlight++;
  response.once("close", () => {
    inFlight--;
    if (stopping) {
      publicServer.closeIdleConnections();
      if (inFlight === 0) onIdle?.();
    }
  });
  if (stopping) response.setHeader("Connection", "close");
  // A body Next.js began to read and then left (a page answering a POST it does not take):
  // Node.js would close the connection under the client's upload, which then fails to read
  // the answer; draining the rest lets it.
  response.once("finish", () => {
    if (!request.complete) discardRestOfBody(request);
  });

  const headers = request.headers;
  const peer = request.socket.remoteAddress;
  const fromProxy = peerIsProxy(peer);
  const requestId = requestIdFor(headers[REQUEST_ID_HEADER], fromProxy);
  headers[REQUEST_ID_HEADER] = requestId;
  response.setHeader("X-Request-Id", requestId);
  logWhenDone(request, response, requestId);
  const address = resolveClientAddress(peer, headers["x-forwarded-for"], trust);
  if (!fromProxy) for (const name of FORWARDING_HEADERS) delete headers[name];
  if (address) headers[CLIENT_ADDRESS_HEADER] = address;
  else delete headers[CLIENT_ADDRESS_HEADER];

  // Next.js puts the nonce of the request's policy on every script it renders.
  delete headers["content-security-policy-report-only"];
  // A search counts here, before the page cache answers; a repeated one goes to its cached page.
  const asked = request.url ?? "/";
  // A client-side navigation from an App Router page asks first with an RSC request, which
  // Next.js answers with a redirect to the address it saw: left as asked, so the reader lands
  // on /search?q=… and only that page's request is counted and routed.
  const clientNavigation = headers.rsc !== undefined;
  const url = (request.url = clientNavigation ? asked : routeSearchRequest(request.method, asked));
  const direct = directRouteFor(request.method, url);
  // Static files and the direct routes' JSON or redirects carry no script: no nonce to make.
  if (direct || url.startsWith("/_next/static/")) {
    delete headers["content-security-policy"];
  } else {
    response.nonce = randomBytes(16).toString("base64");
    headers["content-security-policy"] = `script-src 'nonce-${response.nonce}'`;
    response.staff = csp.isStaffPath(url.split("?", 1)[0]!);
  }
  for (const [name, value] of securityHeaders) response.setHeader(name, value);
  // Public pages name their cache tags for a front cache (Varnish's xkey, a CDN's tags).
  if (request.method === "GET" || request.method === "HEAD") {
    for (const [name, value] of frontCacheTagHeaders(url.split("?", 1)[0]!)) response.setHeader(name, value);
  }

  // Cached results pages are reached only through the router above: asked for directly, any
  // made-up search would be rendered and stored.
  if (CACHED_SEARCH_ADDRESS.test(asked))
    return refuseAndDrain(request, response, { status: 404, message: "Not found." });
  if (guard.isOversizedPageBody(request)) {
    return refuseAndDrain(request, response, { status: 413, message: "The request is too large." });
  }
  if (direct) return void answerDirectly(direct, request, response);
  if (isLegacyCandidate(request.method, url)) return void answerLegacyAddress(request, response, url);
  const kind = guard.actionKind(request);
  if (kind) void guardAction(request, response, kind);
  else void forward(request, response);
}

const CACHED_SEARCH_ADDRESS = /^\/search\/view(?:[/?]|$)/;

/**
 * One JSON line when the response has gone out (or the connection closed before), naming
 * the address as asked for: never a rewritten one (a cached search's carries its query).
 */
function logWhenDone(request: http.IncomingMessage, response: SiteResponse, requestId: string): void {
  if (!log.isLevelEnabled("info")) return;
  const started = performance.now();
  const asked = request.url ?? "/";
  response.once("close", () => {
    const { path, query } = loggableTarget(asked);
    log.info({
      msg: "request",
      requestId,
      method: request.method,
      path,
      ...(query ? { query } : {}),
      status: response.statusCode,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(response.writableFinished ? {} : { aborted: true }),
    });
  });
}

/**
 * A route handler registered to be called without Next.js (lib/http/direct-routes.mjs):
 * the request as a web Request (its body read here, bounded as an action's), the
 * handler's Response written back. Security headers are already set.
 */
async function answerDirectly(
  handler: (request: Request) => Promise<Response>,
  request: http.IncomingMessage,
  response: SiteResponse,
): Promise<void> {
  let body: Buffer | undefined;
  if (request.method !== "GET" && request.method !== "HEAD") {
    try {
      const read = await guard.readLimitedBody(request, guard.ACTION_BODY_LIMIT_BYTES);
      if (!Buffer.isBuffer(read)) return refuseAndDrain(request, response, read);
      body = read;
    } catch {
      response.destroy(); // the client went away mid-body
      return;
    }
  }
  let webRequest: Request;
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      for (const each of [value ?? []].flat()) headers.append(name, each);
    }
    // The site's own origin, never one built from the client's Host header.
    webRequest = new Request(new URL(request.url ?? "/", env.SITE_URL), {
      method: request.method,
      headers,
      body: body ? new Uint8Array(body) : undefined,
    });
  } catch {
    return refuse(response, { status: 400, message: "The request could not be read." });
  }
  try {
    const answer = await handler(webRequest);
    response.statusCode = answer.status;
    answer.headers.forEach((value, name) => {
      if (name !== "set-cookie") response.setHeader(name, value);
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length > 0) response.setHeader("Set-Cookie", cookies);
    response.end(answer.body ? Buffer.from(await answer.arrayBuffer()) : undefined);
  } catch (error) {
    log.error(
      { err: error, requestId: request.headers[REQUEST_ID_HEADER] },
      `Failed to handle ${request.method} ${loggableTarget(request.url ?? "/").path}`,
    );
    if (!response.headersSent) refuse(response, { status: 500, message: "Internal Server Error" });
    else response.destroy();
  }
}

/**
 * An old WordPress address (lib/http/legacy-redirects.mjs): 301 to where it moved, or on to
 * Next.js when the site has no such address (which then answers as for any other path).
 */
async function answerLegacyAddress(request: http.IncomingMessage, response: SiteResponse, url: string): Promise<void> {
  let moved: { toPath: string; statusCode: number } | null = null;
  try {
    moved = await legacyRedirectFor(request.method, url);
  } catch (error) {
    log.error({ err: error }, `Failed to look up the old address ${loggableTarget(url).path}`);
  }
  if (!moved) return void forward(request, response);
  response.statusCode = moved.statusCode === 308 ? 308 : 301;
  response.setHeader("Location", moved.toPath);
  response.setHeader("Cache-Control", "public, max-age=3600");
  response.end();
}

function peerIsProxy(peer: string | undefined): boolean {
  if (trust.kind === "none") return false;
  if (trust.kind === "hops") return true;
  const address = peer?.replace(/^::ffff:(?=\d+\.)/i, "");
  return Boolean(address && trust.list.check(address, address.includes(":") ? "ipv6" : "ipv4"));
}

async function forward(request: http.IncomingMessage, response: SiteResponse): Promise<void> {
  try {
    await handle(request, response);
  } catch (error) {
    log.error(
      { err: error, requestId: request.headers[REQUEST_ID_HEADER] },
      `Failed to handle ${request.method} ${loggableTarget(request.url ?? "/").path}`,
    );
    if (!response.headersSent) {
      response.statusCode = 500;
      response.setHeader("Content-Type", "text/plain; charset=utf-8");
      response.end("Internal Server Error");
    } else {
      response.destroy();
    }
  }
}

async function guardAction(request: http.IncomingMessage, response: SiteResponse, kind: "action" | "form") {
  const allowedHosts = new Set([siteHost]);
  if (request.headers.host) allowedHosts.add(request.headers.host);
  const forwardedHost = request.headers["x-forwarded-host"]; // kept only when a trusted proxy sent it
  if (typeof forwardedHost === "string") allowedHosts.add(forwardedHost.split(",")[0]!.trim());

  const refusedHead = guard.checkActionHead(request, kind, allowedHosts);
  if (refusedHead) return refuseAndDrain(request, response, refusedHead);

  let body: Buffer;
  try {
    const read = await guard.readLimitedBody(request, guard.ACTION_BODY_LIMIT_BYTES);
    if (!Buffer.isBuffer(read)) return refuseAndDrain(request, response, read);
    body = read;
  } catch {
    response.destroy(); // the client went away mid-body
    return;
  }
  const contentType = String(request.headers["content-type"]);
  const refusedBody = await guard.checkActionBody(kind, contentType, body);
  if (refusedBody) return refuse(response, refusedBody);
  await forward(replayOf(request, body), response);
}

/** The request again, its body read and checked, for Next.js to read once more. */
function replayOf(request: http.IncomingMessage, body: Buffer): http.IncomingMessage {
  const replay = new http.IncomingMessage(request.socket);
  replay.method = request.method;
  replay.url = request.url;
  replay.httpVersion = request.httpVersion;
  replay.httpVersionMajor = request.httpVersionMajor;
  replay.httpVersionMinor = request.httpVersionMinor;
  replay.headers = { ...request.headers, "content-length": String(body.length) };
  delete replay.headers["transfer-encoding"];
  replay.rawHeaders = request.rawHeaders;
  replay._read = () => {};
  replay.push(body);
  replay.push(null);
  // Fully received, as the original was: destroying an incomplete request destroys its socket.
  replay.complete = true;
  return replay;
}

function refuse(response: SiteResponse, refusal: { status: number; message: string }): void {
  response.statusCode = refusal.status;
  response.setHeader("Content-Type", "application/json; charset=utf-8");
  response.setHeader("Cache-Control", "no-store");
  if (refusal.status === 405) response.setHeader("Allow", "POST");
  response.end(JSON.stringify({ ok: false, message: refusal.message }));
}

/**
 * Answers at once, while the rest of the body is read and thrown away: closing the
 * connection mid-upload would make the client fail to write instead of reading the answer.
 * Not without end: past eight times the limit, the connection is cut.
 */
function refuseAndDrain(
  request: http.IncomingMessage,
  response: SiteResponse,
  refusal: { status: number; message: string },
): void {
  discardRestOfBody(request);
  refuse(response, refusal);
}

/** Reads what is left of a body and throws it away, up to eight times the action limit. */
function discardRestOfBody(request: http.IncomingMessage): void {
  let discarded = 0;
  request.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > 8 * guard.ACTION_BODY_LIMIT_BYTES) request.socket.destroy();
  });
  request.resume();
}

// (In development, Next.js attaches its own WebSocket handler for reloads to publicServer.)
publicServer.on("request", serve);
privateServer.on("request", serve);

function listen(server: http.Server, listenPort: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : listenPort);
    });
  });
}

let publicPort: number;
try {
  const privatePort = await listen(privateServer, 0, "127.0.0.1");
  process.env.__NEXT_PRIVATE_ORIGIN = `http://127.0.0.1:${privatePort}`;
  publicPort = await listen(publicServer, port, hostname);
} catch (error) {
  // (Next.js logs unhandled rejections rather than exiting: a server that cannot listen must stop.)
  log.fatal(`Cannot listen on ${hostname ?? "all interfaces"}, port ${port}: ${(error as Error).message}`);
  process.exit(1);
}
process.env.PORT = String(publicPort);
log.info(
  `Serving on http://${hostname && hostname !== "0.0.0.0" && hostname !== "::" ? hostname : "localhost"}:${publicPort}` +
    `${dev ? " (development)" : ""}; client address: ${describeTrust()}.`,
);

function describeTrust(): string {
  if (trust.kind === "hops") return `X-Forwarded-For through ${trust.hops} trusted proxy hop(s)`;
  if (trust.kind === "addresses") return `X-Forwarded-For through the proxies in TRUSTED_PROXIES`;
  return "the connection's peer (no trusted proxies)";
}

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return; // a second signal (Ctrl-C reaches the whole process group, then npm start forwards it)
  stopping = true;
  const budgetMs = env.QUIRE_SHUTDOWN_SECONDS * 1000;
  log.info(`${signal}: stopping (requests and jobs get up to ${env.QUIRE_SHUTDOWN_SECONDS} s to finish)…`);
  // However stopping goes, the process ends: a last resort a little after the budget.
  setTimeout(() => {
    log.error("Stopping took too long; exiting.");
    process.exit(1);
  }, budgetMs + 5000).unref();

  publicServer.close();
  publicServer.closeIdleConnections();
  const requestsDone = new Promise<void>((resolve) => {
    onIdle = resolve;
    if (inFlight === 0) resolve();
  });
  const [, jobs] = await Promise.all([withTimeout(requestsDone, budgetMs), runShutdownHooks(budgetMs)]);
  if (jobs.unfinished.length > 0) log.error(`Not finished in time: ${jobs.unfinished.join(", ")}.`);
  const closed = await runShutdownHooks(2000, "closing");
  if (closed.unfinished.length > 0) log.error(`Not closed in time: ${closed.unfinished.join(", ")}.`);
  publicServer.closeAllConnections();
  privateServer.close();
  privateServer.closeAllConnections();
  await withTimeout(app.close(), 2000);
  log.info("Stopped.");
  log.flush();
  process.exit(0);
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void shutdown(signal));
