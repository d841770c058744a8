import { createHash } from "node:crypto";
import type { MediaKind } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import {
  contentRange,
  ifRangeAllows,
  matchesIfNoneMatch,
  parseRangeHeader,
  unsatisfiedRange,
  type RangeRequest,
} from "@/lib/http/byte-range";
import { storedVariants } from "@/lib/media/variants";
import { mediaStorage } from "@/lib/media/configured-storage";
import { env } from "@/lib/env";
import { contentDispositionFor, mediaDeliveryFor, mediaRedirect } from "@/lib/media/delivery";
import { originalKeyOfVariant, storageKeySchema, type StoredPart } from "@/lib/media/storage";

export const dynamic = "force-dynamic";

/** Streamed through this server, or a redirect to the storage or CDN (lib/media/delivery.ts). */
const delivery = mediaDeliveryFor(env, mediaStorage);

type Servable = { mimeType: string; filename: string; kind: MediaKind; createdAt: Date };

/** What may be served under a key: the original a Media row names, or one of its renditions. */
async function findServable(storageKey: string): Promise<Servable | null> {
  const media = await db.media.findUnique({
    where: { storageKey },
    select: { mimeType: true, filename: true, kind: true, createdAt: true },
  });
  if (media) return media;
  const originalKey = originalKeyOfVariant(storageKey);
  if (!originalKey) return null;
  const original = await db.media.findUnique({
    where: { storageKey: originalKey },
    select: { filename: true, variants: true, createdAt: true },
  });
  if (!original || !storedVariants(original.variants).some((variant) => variant.storageKey === storageKey)) return null;
  return { mimeType: "image/webp", filename: original.filename, kind: "IMAGE", createdAt: original.createdAt };
}

/**
 * A strong entity tag: a stored file's bytes never change under its key (uploads are named
 * after their contents), and a row made again (the demo archive reseeded) is a new version.
 */
function entityTag(storageKey: string, media: Servable): string {
  const digest = createHash("sha256").update(`${storageKey}\n${media.createdAt.toISOString()}`).digest("base64url");
  return `"${digest.slice(0, 27)}"`;
}

/** The whole file, asked for as the range from its first byte to its last. */
const WHOLE_FILE: RangeRequest = { start: 0, end: null };

/**
 * Serves a stored media file from the configured storage (local disk or S3). Only files
 * registered in the Media table are served, with the type recorded at upload (never
 * guessed from the name); keys never change, so responses may be cached for good. With
 * MEDIA_PUBLIC_URL or MEDIA_SIGNED_URL_SECONDS, the answer is a redirect to the storage instead.
 *
 * Byte ranges for players and PDF viewers: one range (`bytes=a-b`, `bytes=a-`, `bytes=-n`)
 * is answered 206 with Content-Range, a range outside the file 416; several ranges, another
 * unit or a header that does not parse get the whole file (200), as does a Range under an
 * If-Range that names another version. If-None-Match answers 304. HEAD answers the same
 * headers without the body.
 */
export async function GET(request: Request, context: { params: Promise<{ key: string[] }> }) {
  return serve(request, context, false);
}

export async function HEAD(request: Request, context: { params: Promise<{ key: string[] }> }) {
  return serve(request, context, true);
}

async function serve(
  request: Request,
  { params }: { params: Promise<{ key: string[] }> },
  headOnly: boolean,
): Promise<Response> {
  const key = storageKeySchema.safeParse((await params).key.join("/"));
  if (!key.success) return notFound();
  const media = await findServable(key.data);
  if (!media) return notFound();
  const redirect = await mediaRedirect(delivery, key.data, media);
  if (redirect) return redirect;

  const etag = entityTag(key.data, media);
  const validators = {
    ETag: etag,
    "Last-Modified": media.createdAt.toUTCString(),
    "Cache-Control": "public, max-age=31536000, immutable",
  };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers: validators });
  }

  const asked = parseRangeHeader(request.headers.get("range"));
  const ranged = asked !== null && ifRangeAllows(request.headers.get("if-range"), etag, media.createdAt);
  let stored: StoredPart | null;
  try {
    stored = await mediaStorage.read(key.data, ranged ? asked : WHOLE_FILE);
  } catch (error) {
    console.error("Media: reading from storage failed", error);
    return new Response("The file cannot be read just now.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30" },
    });
  }
  if (!stored) return notFound();

  const headers: Record<string, string> = {
    ...validators,
    "Accept-Ranges": "bytes",
    "Content-Type": media.mimeType,
    "X-Content-Type-Options": "nosniff",
  };
  if (media.kind === "PDF") {
    // Browsers show PDFs in their own isolated viewer, which a sandbox policy breaks (Safari, older Chrome).
    headers["Content-Disposition"] = contentDispositionFor(media)!;
  } else {
    // Stored SVGs (the demo archive's) are images, never documents that could run script in our origin.
    headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
  }

  if (!stored.satisfiable) {
    // An empty file asked for whole: nothing to send, but nothing wrong either.
    if (!ranged && stored.size === 0)
      return new Response(null, { status: 200, headers: { ...headers, "Content-Length": "0" } });
    return new Response(headOnly ? null : "The requested range is outside the file.", {
      status: 416,
      headers: {
        "Accept-Ranges": "bytes",
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        ...(stored.size !== null && { "Content-Range": unsatisfiedRange(stored.size) }),
      },
    });
  }

  const { range, size } = stored;
  const whole = !ranged;
  headers["Content-Length"] = String(range.end - range.start + 1);
  if (!whole) headers["Content-Range"] = contentRange(range, size);
  if (headOnly) {
    await stored.body.cancel();
    return new Response(null, { status: whole ? 200 : 206, headers });
  }
  return new Response(stored.body, { status: whole ? 200 : 206, headers });
}

function notFound() {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
