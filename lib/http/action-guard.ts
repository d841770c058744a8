/**
 * Server-action requests checked by the HTTP server (server.ts) before Next.js sees them,
 * so that a forged or malformed one is answered with a clear 4xx instead of the 500 the
 * framework gives (it throws on a foreign Origin, a body it cannot decode, or one over its
 * size limit, and answers all of them 500).
 *
 * What Next.js 16 treats as a server action (next/dist/server/app-render/action-handler.js):
 * - a "fetch action": a POST with a `Next-Action` header (the action's id), whose body is
 *   React's encodeReply output: either text (`text/plain;charset=UTF-8`, one JSON value)
 *   or `multipart/form-data` whose field "0" holds the root JSON value;
 * - a "form action" (a form posted before the page's JavaScript ran): any multipart POST
 *   to a page; Next.js parses the form to look for an action id in it.
 * Both are refused by the framework with 500 when the Origin's host differs from the Host,
 * and bodies over 1 MB (its default limit) fail with 500 too.
 *
 * Only requests that can be actions pay for these checks: a GET for a cached page never does.
 */
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state.js";
import { refuse, type Refusal } from "@/lib/result";

export const ACTION_HEADER = "next-action";
const ROUTER_STATE_HEADER = "next-router-state-tree";

/** Next.js's own limit for action bodies (serverActions.bodySizeLimit, unset in next.config.js). */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Route handlers outside /api/ that receive multipart uploads themselves: the staff form
 * posts there, and the handler checks the session, the Origin and the size as it streams.
 */
const MULTIPART_ROUTES: ReadonlySet<string> = new Set(["/admin/subscribers/import"]);

type RequestHead = {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
};

/**
 * A body no page takes: over the action limit and sent to a page, not to a route handler
 * (those under /api/ and MULTIPART_ROUTES read their own). Next.js would read part of it
 * and leave the rest, and the connection would be cut under the client's upload.
 */
export function isOversizedPageBody(request: RequestHead): boolean {
  const length = Number(headerValue(request.headers["content-length"]));
  if (!(length > ACTION_BODY_LIMIT_BYTES)) return false;
  const path = (request.url ?? "/").split("?", 1)[0]!;
  return !path.startsWith("/api/") && !path.startsWith("/_next/") && !MULTIPART_ROUTES.has(path);
}

/**
 * Which check a request needs: "action" (it carries Next-Action), "form" (a multipart POST
 * to a page, which Next.js would try to read as a form action), or null (none: every
 * other request, including every GET of a page).
 */
export function actionKind(request: RequestHead): "action" | "form" | null {
  if (request.headers[ACTION_HEADER] !== undefined) return "action";
  if (request.method !== "POST") return null;
  const contentType = headerValue(request.headers["content-type"]);
  if (!contentType?.toLowerCase().startsWith("multipart/form-data")) return null;
  const path = (request.url ?? "/").split("?", 1)[0]!;
  // Route handlers take their own multipart bodies (media uploads, the subscriber import),
  // streamed with limits of their own; Next's assets take none.
  if (path.startsWith("/api/") || path.startsWith("/_next/") || MULTIPART_ROUTES.has(path)) return null;
  return "form";
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The checks that need no body: method, Origin, content type, declared length, router state.
 * `allowedHosts`: the hosts an Origin may name (the Host the browser used, SITE_URL's).
 */
export function checkActionHead(
  request: RequestHead,
  kind: "action" | "form",
  allowedHosts: ReadonlySet<string>,
): Refusal | null {
  if (request.method !== "POST") return refuse(405, "Server actions are called with POST.");

  const origin = headerValue(request.headers.origin);
  if (!origin || !allowedHosts.has(originHost(origin) ?? "")) {
    return refuse(403, "This request did not come from this site's pages.");
  }

  const contentType = (headerValue(request.headers["content-type"]) ?? "").toLowerCase();
  const multipart = contentType.startsWith("multipart/form-data");
  if (!(multipart || (kind === "action" && contentType.startsWith("text/plain")))) {
    return refuse(415, "A server action's body is text/plain or multipart/form-data.");
  }
  if (multipart && !/;\s*boundary=/.test(contentType)) {
    return refuse(400, "The multipart body names no boundary.");
  }

  const length = headerValue(request.headers["content-length"]);
  if (length !== undefined && (!/^\d+$/.test(length) || Number(length) > ACTION_BODY_LIMIT_BYTES)) {
    return Number(length) > ACTION_BODY_LIMIT_BYTES
      ? refuse(413, "The request is too large.")
      : refuse(400, "Invalid Content-Length.");
  }

  if (kind === "action") {
    const id = headerValue(request.headers[ACTION_HEADER]) ?? "";
    if (!/^[0-9a-f]{1,128}$/i.test(id)) return refuse(400, "Invalid server action id.");
    try {
      parseAndValidateFlightRouterState(request.headers[ROUTER_STATE_HEADER]);
    } catch {
      return refuse(400, "Invalid router state.");
    }
  }
  return null;
}

/** The host an Origin header names, or null for "null" and anything unparsable. */
function originHost(origin: string): string | null {
  if (origin === "null") return null;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === origin ? url.host : null;
  } catch {
    return null;
  }
}

/** Reads a body of at most `limit` bytes; a larger one is a 413 (and stops being read). */
export function readLimitedBody(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer | Refusal> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        resolve(refuse(413, "The request is too large."));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
    };
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
  });
}

/**
 * Whether the body is one Next.js can decode: for an action, text that is one JSON value,
 * or a well-formed multipart form whose field "0" is one; for a form post, a well-formed
 * multipart form.
 */
export async function checkActionBody(
  kind: "action" | "form",
  contentType: string,
  body: Buffer,
): Promise<Refusal | null> {
  if (contentType.toLowerCase().startsWith("text/plain")) {
    return isJson(body.toString("utf8")) ? null : refuse(400, "The server action's arguments are not valid.");
  }
  let form: FormData;
  try {
    form = await new Request("http://localhost/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    return refuse(400, "The multipart body is malformed.");
  }
  if (kind === "form") return null;
  const root = form.get("0");
  return typeof root === "string" && isJson(root) ? null : refuse(400, "The server action's arguments are not valid.");
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
