/** Reading request bodies in route handlers: bounded in size, as a form or JSON. */
import { refuse, type Result } from "@/lib/result";

/** Largest request body the mailing-list endpoints read: a signup is a few hundred bytes. */
const MAX_BODY_BYTES = 16 * 1024;

export type ParsedBody = Result<{ value: unknown }>;

/**
 * A form (urlencoded or multipart) or JSON body, read up to MAX_BODY_BYTES. Checkboxes
 * and other repeated form fields become lists.
 */
export async function readFormOrJson(request: Request): Promise<ParsedBody> {
  // The media type is case-insensitive; a multipart boundary is not (browsers use mixed case).
  const contentTypeHeader = request.headers.get("content-type") ?? "";
  const contentType = contentTypeHeader.toLowerCase();
  const bytes = await readBounded(request);
  if (bytes === null) return refuse(400, "The request is too large.");

  if (contentType.startsWith("application/json")) {
    try {
      return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes)) };
    } catch {
      return refuse(400, "The request body is not valid JSON.");
    }
  }
  if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/form-data")) {
    try {
      const form = await new Response(bytes, { headers: { "content-type": contentTypeHeader } }).formData();
      // No prototype: a field named __proto__ or constructor is a field like any other.
      const value: Record<string, unknown> = Object.create(null);
      for (const key of new Set(form.keys())) {
        const all = form.getAll(key).filter((entry): entry is string => typeof entry === "string");
        value[key] = all.length === 1 ? all[0] : all;
      }
      return { ok: true, value };
    } catch {
      return refuse(400, "The form data could not be read.");
    }
  }
  return refuse(400, "Send the request as a form (application/x-www-form-urlencoded) or as JSON (application/json).");
}

/** The request body, or null when it is larger than `maxBytes` (declared or actual). */
export async function readBounded(
  request: Request,
  maxBytes = MAX_BODY_BYTES,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(size));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * A browser submitting a form itself (a page without JavaScript), rather than a script
 * asking for JSON: it navigates (Sec-Fetch-Mode), or asks for HTML before JSON.
 */
export function isFormNavigation(request: Request): boolean {
  const mode = request.headers.get("sec-fetch-mode");
  if (mode) return mode === "navigate";
  const accept = request.headers.get("accept") ?? "";
  return accept.includes("text/html") && !accept.startsWith("application/json");
}
