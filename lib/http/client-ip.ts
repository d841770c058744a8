import { isIP } from "node:net";

/**
 * The request header in which the HTTP server (server.ts) hands the app the client's
 * address, resolved from the socket and the configured proxy trust
 * (lib/http/client-address.ts). The server removes any copy a client sent, so the app
 * can trust it; client-sent X-Forwarded-For and X-Real-IP are never read here.
 */
export const CLIENT_ADDRESS_HEADER = "x-quire-client-address";

type HeaderSource = { get(name: string): string | null };

/** The reader's IP address for rate limits and the consent record, or null when the server did not say. */
export function clientIp(headers: HeaderSource): string | null {
  const value = headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  return value && isIP(value) ? value : null;
}
