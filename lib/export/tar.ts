/**
 * A small tar (POSIX ustar, with pax headers for long names) writer and extractor, for
 * the export and backup archives. Only what those need: regular files, written one after
 * the other into a stream (gzip around it), and extracted into a folder with every name
 * checked. A package would bring more than this in dependencies.
 */
import fs from "node:fs";
import fsPromises from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";

const BLOCK = 512;

/** Names inside our archives: relative, plain segments, no dot-dot, nothing hidden. */
const ENTRY_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;

export class ArchiveError extends Error {}

export function isSafeEntryName(name: string): boolean {
  return name.length <= 1000 && ENTRY_NAME.test(name) && !name.split("/").includes("..");
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, type: "0" | "x", mtime: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name.slice(0, 100), 0, "utf8");
  block.write(octal(0o600, 8), 100);
  block.write(octal(0, 8), 108);
  block.write(octal(0, 8), 116);
  block.write(octal(size, 12), 124);
  block.write(octal(mtime, 12), 136);
  block.fill(" ", 148, 156); // the checksum counts its own field as spaces
  block.write(type, 156);
  block.write("ustar\0" + "00", 257);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + " ", 148);
  return block;
}

/** A pax record "<length> path=<name>\n", whose length counts itself. */
function paxPath(name: string): Buffer {
  const body = ` path=${name}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return Buffer.from(`${length}${body}`);
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Writes entries one after the other to `out` (respecting its back-pressure). */
export class TarWriter {
  private readonly mtime = Math.floor(Date.now() / 1000);

  constructor(private readonly out: Writable) {}

  private async write(chunk: Buffer): Promise<void> {
    if (this.out.destroyed) throw new ArchiveError("The archive's destination was closed");
    if (this.out.write(chunk)) return;
    // Wait for room, unless the destination closes first (a download cancelled halfway).
    const waiting = new AbortController();
    try {
      await Promise.race([
        once(this.out, "drain", { signal: waiting.signal }),
        once(this.out, "close", { signal: waiting.signal }).then(() => {
          throw new ArchiveError("The archive's destination was closed");
        }),
      ]);
    } finally {
      waiting.abort();
    }
  }

  private async writeHeader(name: string, size: number): Promise<void> {
    if (!isSafeEntryName(name)) throw new ArchiveError(`Not a name this archive may hold: ${name}`);
    if (Buffer.byteLength(name) > 100) {
      const pax = paxPath(name);
      await this.write(header("PaxHeader", pax.length, "x", this.mtime));
      await this.write(pax);
      await this.write(padding(pax.length));
    }
    await this.write(header(name, size, "0", this.mtime));
  }

  async addBuffer(name: string, contents: Buffer | string): Promise<void> {
    const bytes = typeof contents === "string" ? Buffer.from(contents) : contents;
    await this.writeHeader(name, bytes.length);
    await this.write(bytes);
    await this.write(padding(bytes.length));
  }

  /** Adds a file from disk; its size is taken when it is added, so it must not change meanwhile. */
  async addFile(name: string, filePath: string): Promise<void> {
    const { size } = await fsPromises.stat(filePath);
    await this.addStream(name, size, fs.createReadStream(filePath));
  }

  /** Adds `size` bytes read from `source`; a source that gives more or fewer is an error. */
  async addStream(name: string, size: number, source: AsyncIterable<Uint8Array>): Promise<void> {
    await this.writeHeader(name, size);
    let written = 0;
    for await (const chunk of source) {
      written += chunk.length;
      if (written > size) throw new ArchiveError(`${name} grew while it was being archived`);
      await this.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    }
    if (written !== size) throw new ArchiveError(`${name} shrank while it was being archived`);
    await this.write(padding(size));
  }

  /** The two empty blocks that end an archive; then ends `out` and waits for it to finish. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    this.out.end();
    await finished(this.out);
  }
}

/** Reads exact byte counts from a stream of chunks. */
class ByteReader {
  private buffered: Buffer[] = [];
  private length = 0;
  private done = false;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private async fill(count: number): Promise<boolean> {
    while (this.length < count && !this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else {
        this.buffered.push(next.value);
        this.length += next.value.length;
      }
    }
    return this.length >= count;
  }

  /** Exactly `count` bytes, or null at the end of the stream. */
  async read(count: number): Promise<Buffer | null> {
    if (!(await this.fill(count))) return null;
    const all = Buffer.concat(this.buffered);
    this.buffered = [all.subarray(count)];
    this.length = all.length - count;
    return all.subarray(0, count);
  }

  /** Passes `count` bytes to `sink` chunk by chunk, without holding them all. */
  async copy(count: number, sink: (chunk: Buffer) => Promise<void>): Promise<void> {
    let left = count;
    while (left > 0) {
      if (this.length === 0 && !(await this.fill(1)))
        throw new ArchiveError("The archive ends in the middle of a file");
      const chunk = this.buffered.shift()!;
      this.length -= chunk.length;
      if (chunk.length > left) {
        this.buffered.unshift(chunk.subarray(left));
        this.length += chunk.length - left;
        await sink(chunk.subarray(0, left));
        left = 0;
      } else {
        await sink(chunk);
        left -= chunk.length;
      }
    }
  }
}

function readOctal(block: Buffer, start: number, width: number): number {
  const text = block
    .toString("ascii", start, start + width)
    .replace(/\0.*$/, "")
    .trim();
  if (!/^[0-7]*$/.test(text)) throw new ArchiveError("Not a tar archive (a malformed header)");
  return text === "" ? 0 : parseInt(text, 8);
}

function verifyChecksum(block: Buffer): void {
  const stored = readOctal(block, 148, 8);
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 32 : block[index]!;
  if (sum !== stored) throw new ArchiveError("Not a tar archive (a header's checksum does not match)");
}

export type ExtractLimits = { maxBytes: number; maxEntries: number };

/**
 * Extracts the regular files of a tar stream into `directory` (which must exist), refusing
 * names outside it, links and devices, and stopping past the limits. Returns the names.
 */
export async function extractTar(source: Readable, directory: string, limits: ExtractLimits): Promise<string[]> {
  const reader = new ByteReader(source);
  const names: string[] = [];
  let total = 0;
  let paxName: string | null = null;
  for (;;) {
    const block = await reader.read(BLOCK);
    if (block === null) throw new ArchiveError("The archive ends without its closing blocks (cut short?)");
    if (block.every((byte) => byte === 0)) return names;
    verifyChecksum(block);
    const size = readOctal(block, 124, 12);
    const type = String.fromCharCode(block[156]!) || "0";
    const storedPath = (() => {
      const name = block.toString("utf8", 0, 100).replace(/\0.*$/s, "");
      const prefix = block.toString("utf8", 345, 500).replace(/\0.*$/s, "");
      return prefix ? `${prefix}/${name}` : name;
    })();
    const padded = size + ((BLOCK - (size % BLOCK)) % BLOCK);
    if (type === "x") {
      if (size > 64 * 1024) throw new ArchiveError("Not an archive Quire wrote (an oversized pax header)");
      const record = (await reader.read(padded))?.subarray(0, size).toString("utf8") ?? "";
      paxName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(record)?.[1] ?? null;
      continue;
    }
    const name = paxName ?? storedPath;
    paxName = null;
    if (type !== "0" && type !== "\0") throw new ArchiveError(`The archive holds something other than a file: ${name}`);
    if (!isSafeEntryName(name)) throw new ArchiveError(`The archive holds a file with a name not allowed: ${name}`);
    total += size;
    if (total > limits.maxBytes || names.length >= limits.maxEntries)
      throw new ArchiveError("The archive is larger than this command accepts");
    const target = path.join(directory, ...name.split("/"));
    if (!target.startsWith(path.resolve(directory) + path.sep)) throw new ArchiveError(`Unsafe name: ${name}`);
    await fsPromises.mkdir(path.dirname(target), { recursive: true });
    const out = fs.createWriteStream(target, { mode: 0o600 });
    await reader.copy(size, async (chunk) => {
      if (!out.write(chunk)) await once(out, "drain");
    });
    out.end();
    await once(out, "finish");
    await reader.copy(padded - size, async () => {});
    names.push(name);
  }
}
