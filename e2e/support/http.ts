/**
 * Raw HTTP requests to the test server, for what a browser or Playwright's request API
 * will not send: any Origin and Host, chunked bodies, and a chosen source address on
 * loopback (127.0.0.N: a client other than the browser tests, which run from 127.0.0.1).
 */
import http from "node:http";
import { baseURL } from "../../playwright.config";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function rawRequest(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body chunked, without Content-Length. */
  chunked?: boolean;
  localAddress?: string;
}): Promise<RawResponse> {
  const target = new URL(options.path, baseURL);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined && !options.chunked) {
      headers["content-length"] = String(Buffer.byteLength(options.body));
    }
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? "GET",
        headers,
        localAddress: options.localAddress,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        response.on("error", reject);
      },
    );
    // A server may answer and close before taking a whole refused body: the answer counts.
    request.on("error", reject);
    if (options.body !== undefined) {
      if (options.chunked) {
        const body = Buffer.from(options.body);
        for (let offset = 0; offset < body.length; offset += 64 * 1024)
          request.write(body.subarray(offset, offset + 64 * 1024));
      } else request.write(options.body);
    }
    request.end();
  });
}
