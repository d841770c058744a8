/**
 * Raw HTTP requests to the test server, for what a browser or Playwright's request API
 * will not send: any Origin and Host, bodies streamed or announced and withheld, and a chosen source address on
 * loopback (127.0.0.N: a client other than the browser tests, which run from 127.0.0.1).
 */
import http from "node:http";
import net from "node:net";
import { baseURL } from "../../playwright.config";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function rawRequest(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Announce this Content-Length but send no body: for a refusal on the headers alone. */
  announcedLength?: number;
  localAddress?: string;
}): Promise<RawResponse> {
  const target = new URL(options.path, baseURL);
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.announcedLength !== undefined) headers["content-length"] = String(options.announcedLength);
    else if (body) headers["content-length"] = String(body.length);
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
          if (options.announcedLength !== undefined) request.destroy(); // the rest will never be sent
        });
        response.on("error", reject);
      },
    );
    // A server may answer a refused body before taking all of it, and close: the answer
    // counts, and the client's failing writes after it do not.
    request.on("error", (error) => {
      if (!answered) request.once("close", () => answered || reject(error));
    });
    request.on("socket", (socket) => socket.on("error", () => undefined)); // reported on the request
    void (async () => {
      if (body) {
        for (let offset = 0; offset < body.length && !answered && !request.destroyed; offset += 64 * 1024) {
          if (!request.write(body.subarray(offset, offset + 64 * 1024))) {
            await new Promise<void>((next) => {
              const done = () => {
                request.off("drain", done).off("close", done);
                next();
              };
              request.on("drain", done).on("close", done);
            });
          }
        }
      }
      if (options.announcedLength !== undefined) request.flushHeaders();
      else if (!request.destroyed) request.end();
    })().catch((error: unknown) => {
      // Writing after the server answered and closed: the answer is what counts.
      if (!answered) reject(error);
    });
  });
}

/**
 * Streams `body` chunked over a plain socket until the server answers (or the body ends),
 * and returns the answer's status. For a refusal that comes mid-upload: the client stops
 * sending then, and its writes failing after the answer do not matter.
 */
export function chunkedUploadStatus(options: {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}): Promise<number> {
  const target = new URL(options.path, baseURL);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname);
    let received = "";
    let status: number | null = null;
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const match = /^HTTP\/1\.1 (\d{3}) /.exec(received);
      if (match && status === null) {
        status = Number(match[1]);
        resolve(status);
        socket.destroy();
      }
    });
    socket.on("error", (error) => {
      if (status === null) reject(error);
    });
    socket.on("close", () => {
      if (status === null) reject(new Error(`No answer; received: ${received.slice(0, 200)}`));
    });
    socket.on("connect", async () => {
      const head = Object.entries({ ...options.headers, host: target.host, "transfer-encoding": "chunked" })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("");
      socket.write(`POST ${target.pathname}${target.search} HTTP/1.1\r\n${head}\r\n`);
      for (let offset = 0; offset < options.body.length && status === null && !socket.destroyed; offset += 64 * 1024) {
        const piece = options.body.subarray(offset, offset + 64 * 1024);
        const flushed = socket.write(`${piece.length.toString(16)}\r\n`) && socket.write(piece) && socket.write("\r\n");
        if (!flushed) await new Promise((next) => setImmediate(next));
      }
      if (status === null && !socket.destroyed) socket.write("0\r\n\r\n");
    });
  });
}
