/**
 * Sends the hostile requests to a running server, byte for byte as generated (node:http,
 * not fetch, which would normalise the URL and refuse some headers), and checks each answer.
 */
import http from "node:http";
import zlib from "node:zlib";
import { checkResponse, type HostileResponse, type Problem } from "./checks";
import type { HostileRequest, ScrapedForm } from "./generate";
import type { Fixtures, HostileTarget } from "./targets";

/** Answers are read up to this size; pages are far smaller, and the checks need no more. */
const MAX_READ_BYTES = 4 * 1024 * 1024;

/**
 * Sends one request. `from` is a loopback source address (127.0.0.N): the suite spreads its
 * requests over many, as many clients would, so per-client limits (signup, sign-in) leave
 * most hostile inputs to reach the validation they are meant to test.
 */
export function send(base: string, request: HostileRequest, from?: string): Promise<HostileResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.sameOrigin) headers.origin = url.origin;
    if (request.body && !Object.keys(headers).some((name) => name.toLowerCase() === "content-length"))
      headers["content-length"] = String(request.body.length);
    let outgoing: http.ClientRequest;
    try {
      outgoing = http.request({
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers,
        agent: false,
        localAddress: from,
      });
    } catch (error) {
      // Node's own client refuses it (e.g. a character it will not put in a header): nothing was sent.
      return resolve({ status: 0, headers: {}, body: `not sent: ${(error as Error).message}` });
    }
    outgoing.setTimeout(120_000, () => outgoing.destroy(new Error("no answer within 120 s")));
    outgoing.on("error", reject);
    outgoing.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        if (size < MAX_READ_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      response.on("error", reject);
      response.on("end", () => {
        const raw = Buffer.concat(chunks);
        const encoding = String(response.headers["content-encoding"] ?? "");
        let body: Buffer = raw;
        try {
          if (encoding === "gzip") body = zlib.gunzipSync(raw);
          else if (encoding === "br") body = zlib.brotliDecompressSync(raw);
          else if (encoding === "deflate") body = zlib.inflateSync(raw);
        } catch {
          body = raw; // a truncated read: check what arrived
        }
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers))
          flat[name] = Array.isArray(value) ? value.join("\n") : String(value ?? "");
        resolve({ status: response.statusCode ?? 0, headers: flat, body: body.toString("utf8") });
      });
    });
    outgoing.end(request.body);
  });
}

export type SuiteReport = { sent: number; statuses: Map<number, number>; problems: Problem[] };

/** Sends every request, `concurrency` at a time, and gathers what failed the checks. */
export async function runRequests(
  base: string,
  requests: readonly HostileRequest[],
  concurrency = 4,
): Promise<SuiteReport> {
  const origin = new URL(base).origin;
  const loopback = new URL(base).hostname === "127.0.0.1";
  const statuses = new Map<number, number>();
  const problems: Problem[] = [];
  let next = 0;
  let sent = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const request = requests[index]!;
      let response: HostileResponse;
      try {
        response = await send(base, request, loopback ? `127.0.0.${2 + (index % 250)}` : undefined);
      } catch (error) {
        // The server closed the connection (Node's parser refuses a malformed request so): no answer is no 5xx.
        response = { status: 0, headers: {}, body: "" };
        if (!/socket hang up|ECONNRESET|EPIPE/.test((error as Error).message))
          problems.push({ request, status: 0, problem: `request failed: ${(error as Error).message}` });
      }
      sent++;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      for (const problem of checkResponse(request, response, origin))
        problems.push({ request, status: response.status, problem });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent, statuses, problems };
}

/** The hidden fields and field names of each form target's form, read from its page. */
export async function scrapeForms(
  base: string,
  targets: readonly HostileTarget[],
  fixtures: Fixtures,
): Promise<Map<string, ScrapedForm>> {
  const forms = new Map<string, ScrapedForm>();
  for (const target of targets) {
    if (target.kind !== "form") continue;
    const query = new URLSearchParams(
      Object.entries(target.validQuery ?? {}).map(([name, valid]) => [
        name,
        typeof valid === "string" ? fixtures[valid] : valid.literal,
      ]),
    ).toString();
    const response = await fetch(`${base}${target.path}${query ? `?${query}` : ""}`);
    const html = await response.text();
    const form = parseForms(html).find((candidate) =>
      target.identifiedBy.every((name) => candidate.names.includes(name)),
    );
    if (form) forms.set(target.name, form);
  }
  return forms;
}

const decodeEntities = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Forms of a server-rendered page: enough HTML parsing for React's output. */
export function parseForms(html: string): ScrapedForm[] {
  return [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].map((match) => {
    const inner = match[1] ?? "";
    const hidden: Array<[string, string]> = [];
    const names: string[] = [];
    for (const input of inner.matchAll(/<(?:input|textarea|select|button)\b([^>]*)>/g)) {
      const attributes = input[1] ?? "";
      const name = /\bname="([^"]*)"/.exec(attributes)?.[1];
      if (!name) continue;
      const decoded = decodeEntities(name);
      names.push(decoded);
      if (/\btype="hidden"/.test(attributes))
        hidden.push([decoded, decodeEntities(/\bvalue="([^"]*)"/.exec(attributes)?.[1] ?? "")]);
    }
    return { hidden, names };
  });
}
