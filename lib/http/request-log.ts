/**
 * What a request line in the log (server.ts) says of a request, and its id:
 *
 * - the path, with segments that carry a secret masked (a preview link's token), and the
 *   query's parameter names only: values hold sign-in and unsubscribe tokens, addresses and
 *   what readers searched for, none of which belongs in a log;
 * - the request id: the one a trusted proxy sent in X-Request-Id when it is a plain token,
 *   else a new one; the server echoes it in the response's X-Request-Id.
 */
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

/** Path segments after these prefixes are secrets (app/(public)/preview/[token]). */
const SECRET_SEGMENT = /^(\/preview\/)[^/?#]+/;

/** A request id as proxies and load balancers make them (UUIDs, hex, base64url, dotted): nothing that could forge a log line. */
const REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function loggableTarget(url: string): { path: string; query?: string[] } {
  const queryStart = url.indexOf("?");
  const rawPath = (queryStart === -1 ? url : url.slice(0, queryStart)).slice(0, 1000);
  const path = rawPath.replace(SECRET_SEGMENT, "$1[redacted]");
  if (queryStart === -1) return { path };
  const names = new Set<string>();
  for (const name of new URLSearchParams(url.slice(queryStart + 1)).keys()) {
    if (names.size >= 20) break;
    names.add(name.slice(0, 64));
  }
  return names.size > 0 ? { path, query: [...names] } : { path };
}

/** The request's id: a trusted proxy's, when it sent a well-formed one, else a fresh UUID. */
export function requestIdFor(sent: string | string[] | undefined, fromTrustedProxy: boolean): string {
  const value = Array.isArray(sent) ? sent[0] : sent;
  if (fromTrustedProxy && value && REQUEST_ID.test(value)) return value;
  return randomUUID();
}
