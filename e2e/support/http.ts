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
  /** Announce this Content-Length but send only `body`, waiting for the answer (a refusal on the headers alone). */
  announcedLength?: number;
  localAddress?: string;
}): Promise<RawResponse> {
  const target = new URL(options.path, baseURL);
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.announcedLength !== undefined) headers["content-length"] = String(options.announcedLength);
    else if (body && !options.chunked) headers["content-length"] = String(body.length);
    let answered = false;
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
        answered = true;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          });
          request.destroy();
        });
        response.on("error", reject);
      },
    );
    // A server may answer a refused body before taking all of it, and close: the answer
    // counts, and the client's failing writes after it do not.
    request.on("error", (error) => {
      if (!answered) request.once("close", () => answered || reject(error));
    });
    void (async () => {
      if (body) {
        for (let offset = 0; offset < body.length && !answered && !request.destroyed; offset += 64 * 1024) {
          if (!request.write(body.subarray(offset, offset + 64 * 1024))) {
            await new Promise((next) => request.once("drain", next).once("close", next));
          }
        }
      }
      if (options.announcedLength === undefined && !request.destroyed) request.end();
    })();
  });
}
