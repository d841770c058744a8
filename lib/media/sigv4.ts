/**
 * AWS Signature Version 4 for S3-compatible object storage, with node:crypto only: the
 * Authorization header for one request (the "authorization header" flavour, payload hash
 * sent in x-amz-content-sha256). Checked against the examples in the S3 documentation.
 */
import { createHash, createHmac } from "node:crypto";

export type SigningCredentials = { accessKeyId: string; secretAccessKey: string; region: string; service: string };

export type RequestToSign = {
  method: string;
  url: URL;
  /** Extra headers to sign and send (e.g. content-type, range); host and x-amz-* are added. */
  headers?: Record<string, string>;
  /** Hex SHA-256 of the body (sha256Hex), or "UNSIGNED-PAYLOAD". */
  payloadHash: string;
  date: Date;
};

export type SignedRequest = {
  /** Headers to send (without host, which fetch derives from the URL). */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
};

export const EMPTY_PAYLOAD_HASH = sha256Hex("");

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, the rest %XX in upper case. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Each path segment decoded from the URL, then encoded once (S3 does not double-encode). */
function canonicalPath(url: URL): string {
  const path = url.pathname || "/";
  return path
    .split("/")
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join("/");
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, aValue], [b, bValue]) => (a === b ? (aValue < bValue ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** 20130524T000000Z */
function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function signRequest(request: RequestToSign, credentials: SigningCredentials): SignedRequest {
  const timestamp = amzDate(request.date);
  const day = timestamp.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {}))
    headers[name.toLowerCase()] = value.trim().replace(/\s+/g, " ");
  headers.host = request.url.host;
  headers["x-amz-date"] = timestamp;
  headers["x-amz-content-sha256"] = request.payloadHash;

  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.url),
    canonicalQuery(request.url),
    names.map((name) => `${name}:${headers[name]}\n`).join(""),
    signedHeaders,
    request.payloadHash,
  ].join("\n");

  const scope = `${day}/${credentials.region}/${credentials.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", timestamp, scope, sha256Hex(canonicalRequest)].join("\n");
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), credentials.region), credentials.service),
    "aws4_request",
  );
  const signature = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest("hex");

  const sent = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== "host"));
  return {
    headers: {
      ...sent,
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`,
    },
    canonicalRequest,
    stringToSign,
  };
}
