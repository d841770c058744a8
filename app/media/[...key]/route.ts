import fs from "node:fs";
import { Readable } from "node:stream";
import { db } from "@/lib/db";
import { mediaPath, storageKeySchema } from "@/lib/media/storage";

export const dynamic = "force-dynamic";

/**
 * Serves a stored media file. Only files registered in the Media table are served, with the
 * type recorded at upload (never guessed from the name); keys never change, so responses
 * may be cached for good.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const key = storageKeySchema.safeParse((await params).key.join("/"));
  if (!key.success) return notFound();
  const media = await db.media.findUnique({ where: { storageKey: key.data }, select: { mimeType: true, sizeBytes: true, filename: true, kind: true } });
  if (!media) return notFound();
  const file = mediaPath(key.data);
  if (!fs.existsSync(file)) return notFound();
  const headers: Record<string, string> = {
    "Content-Type": media.mimeType,
    "Content-Length": String(fs.statSync(file).size),
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    // Stored SVGs are images, never documents that could run script in our origin.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  };
  if (media.kind === "PDF") headers["Content-Disposition"] = `inline; filename="${media.filename.replace(/[^\w.-]/g, "_")}"`;
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, { headers });
}

function notFound() {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
