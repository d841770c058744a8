/**
 * Reads the .eml files of the outbox: the messages nodemailer wrote (headers, then a
 * text and an HTML part, quoted-printable or base64). Enough MIME for what this site
 * writes, tolerant of anything else: unknown parts are ignored, never thrown on.
 */
export type ParsedEml = { headers: Array<{ name: string; value: string }>; text: string; html: string };

function unfoldHeaders(block: string): Array<{ name: string; value: string }> {
  return block
    .replace(/\r?\n[ \t]+/g, " ")
    .split(/\r?\n/)
    .flatMap((line) => {
      const colon = line.indexOf(":");
      return colon > 0 ? [{ name: line.slice(0, colon).trim(), value: decodeWords(line.slice(colon + 1).trim()) }] : [];
    });
}

/** RFC 2047 encoded words, e.g. =?UTF-8?Q?Caf=C3=A9?=. */
function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([bqBQ])\?([^?]*)\?=\s*(?==\?)?/g,
    (_match, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === "B" ? Buffer.from(text, "base64") : quotedPrintableBytes(text.replace(/_/g, " "));
      return decodeCharset(bytes, charset);
    },
  );
}

function quotedPrintableBytes(text: string): Buffer {
  const clean = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let index = 0; index < clean.length; index++) {
    const hex = clean.slice(index + 1, index + 3);
    if (clean[index] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else bytes.push(...Buffer.from(clean[index]!, "utf8"));
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString("utf8");
  }
}

const header = (headers: ParsedEml["headers"], name: string) =>
  headers.find((entry) => entry.name.toLowerCase() === name)?.value ?? "";

function splitEntity(source: string): { headers: ParsedEml["headers"]; body: string } {
  const match = /\r?\n\r?\n/.exec(source);
  if (!match) return { headers: unfoldHeaders(source), body: "" };
  return { headers: unfoldHeaders(source.slice(0, match.index)), body: source.slice(match.index + match[0].length) };
}

function decodeBody(body: string, headers: ParsedEml["headers"]): string {
  const encoding = header(headers, "content-transfer-encoding").toLowerCase();
  const charset = /charset="?([^";]+)"?/i.exec(header(headers, "content-type"))?.[1] ?? "utf-8";
  if (encoding === "base64") return decodeCharset(Buffer.from(body.replace(/\s+/g, ""), "base64"), charset);
  if (encoding === "quoted-printable") return decodeCharset(quotedPrintableBytes(body), charset);
  return body;
}

export function parseEml(source: string): ParsedEml {
  const top = splitEntity(source);
  const result: ParsedEml = { headers: top.headers, text: "", html: "" };
  const visit = (entity: { headers: ParsedEml["headers"]; body: string }, depth: number) => {
    const type = header(entity.headers, "content-type").toLowerCase() || "text/plain";
    const boundary = /boundary="?([^";]+)"?/i.exec(header(entity.headers, "content-type"))?.[1];
    if (type.startsWith("multipart/") && boundary && depth < 5) {
      const parts = entity.body.split(`--${boundary}`).slice(1);
      for (const part of parts) {
        if (part.startsWith("--")) break;
        // The line break before a boundary belongs to the boundary (RFC 2046).
        visit(splitEntity(part.replace(/^\r?\n/, "").replace(/\r?\n$/, "")), depth + 1);
      }
    } else if (type.startsWith("text/html") && !result.html) result.html = decodeBody(entity.body, entity.headers);
    else if (type.startsWith("text/plain") && !result.text) result.text = decodeBody(entity.body, entity.headers);
  };
  visit(top, 0);
  return result;
}
