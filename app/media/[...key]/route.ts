import type { MediaKind } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { storedVariants } from "@/lib/media/variants";
import { mediaStorage } from "@/lib/media/configured-storage";
import { env } from "@/lib/env";
import { mediaDeliveryFor, mediaRedirect } from "@/lib/media/delivery";
import { originalKeyOfVariant, storageKeySchema } from "@/lib/media/storage";

export const dynamic = "force-dynamic";

/** Streamed through this server, or a redirect to the storage or CDN (lib/media/delivery.ts). */
const delivery = mediaDeliveryFor(env, mediaStorage);

/** What may be served under a key: the original a Media row names, or one of its renditions. */
async function findServable(
  storageKey: string,
): Promise<{ mimeType: string; filename: string; kind: MediaKind } | null> {
  const media = await db.media.findUnique({
    where: { storageKey },
    select: { mimeType: true, filename: true, kind: true },
  });
  if (media) return media;
  const originalKey = originalKeyOfVariant(storageKey);
  if (!originalKey) return null;
  const original = await db.media.findUnique({
    where: { storageKey: originalKey },
    select: { filename: true, variants: true },
  });
  if (!original || !storedVariants(original.variants).some((variant) => variant.storageKey === storageKey)) return null;
  return { mimeType: "image/webp", filename: original.filename, kind: "IMAGE" };
}

/**
 * Serves a stored media file from the configured storage (local disk or S3). Only files
 * registered in the Media table are served, with the type recorded at upload (never
 * guessed from the name); keys never change, so responses may be cached for good. With
 * MEDIA_PUBLIC_URL or MEDIA_SIGNED_URL_SECONDS, the answer is a redirect to the storage instead.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const key = storageKeySchema.safeParse((await params).key.join("/"));
  if (!key.success) return notFound();
  const media = await findServable(key.data);
  if (!media) return notFound();
  const redirect = await mediaRedirect(delivery, key.data, media);
  if (redirect) return redirect;
  let stored;
  try {
    stored = await mediaStorage.get(key.data);
  } catch (error) {
    console.error("Media: reading from storage failed", error);
    return new Response("The file cannot be read just now.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30" },
    });
  }
  if (!stored) return notFound();
  const headers: Record<string, string> = {
    "Content-Type": media.mimeType,
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
  };
  if (stored.size !== null) headers["Content-Length"] = String(stored.size);
  if (media.kind === "PDF") {
    // Browsers show PDFs in their own isolated viewer, which a sandbox policy breaks (Safari, older Chrome).
    headers["Content-Disposition"] = `inline; filename="${media.filename.replace(/[^\w.-]/g, "_")}"`;
  } else {
    // Stored SVGs (the demo archive's) are images, never documents that could run script in our origin.
    headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
  }
  return new Response(stored.body, { headers });
}

function notFound() {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
