/**
 * How /media/… reaches readers (app/media/[...key]/route.ts): streamed through the server
 * (the default), or a redirect to the file's own address at the storage, so the app server
 * neither reads nor sends the bytes:
 *
 * - MEDIA_PUBLIC_URL: a public bucket, or a CDN in front of the bucket; the object's key
 *   under that address. The redirect may be cached for a day (keys never change).
 * - MEDIA_SIGNED_URL_SECONDS: a private bucket; a presigned URL valid that long, with the
 *   type and disposition recorded at upload. The redirect is cached for at most half of it,
 *   so a cached redirect always leads to a URL that still works.
 *
 * Either way the route first checks that the Media table names the key: storage addresses
 * are never handed out for anything else.
 */
import type { MediaStorage } from "./storage";

export type MediaDelivery =
  | { kind: "stream" }
  | { kind: "public"; baseUrl: string }
  | { kind: "signed"; storage: MediaStorage; expiresInSeconds: number };

export type ServableMedia = { mimeType: string; filename: string; kind: string };

export function mediaDeliveryFor(
  environment: { MEDIA_PUBLIC_URL?: string; MEDIA_SIGNED_URL_SECONDS?: number },
  storage: MediaStorage,
): MediaDelivery {
  if (environment.MEDIA_PUBLIC_URL) return { kind: "public", baseUrl: environment.MEDIA_PUBLIC_URL };
  if (environment.MEDIA_SIGNED_URL_SECONDS && storage.signedUrl)
    return { kind: "signed", storage, expiresInSeconds: environment.MEDIA_SIGNED_URL_SECONDS };
  return { kind: "stream" };
}

/** How a stored file is offered: PDFs inline under their (plain) name; everything else as it is. */
export function contentDispositionFor(media: ServableMedia): string | undefined {
  return media.kind === "PDF" ? `inline; filename="${media.filename.replace(/[^\w.-]/g, "_")}"` : undefined;
}

/** The redirect to the storage's copy of a servable file, or null when files stream through the server. */
export async function mediaRedirect(
  delivery: MediaDelivery,
  storageKey: string,
  media: ServableMedia,
): Promise<Response | null> {
  if (delivery.kind === "stream") return null;
  let location: string;
  let cacheControl: string;
  if (delivery.kind === "public") {
    location = `${delivery.baseUrl}/${storageKey.split("/").map(encodeURIComponent).join("/")}`;
    cacheControl = "public, max-age=86400";
  } else {
    location = await delivery.storage.signedUrl!(storageKey, {
      expiresInSeconds: delivery.expiresInSeconds,
      contentType: media.mimeType,
      contentDisposition: contentDispositionFor(media),
    });
    cacheControl = `public, max-age=${Math.floor(delivery.expiresInSeconds / 2)}`;
  }
  return new Response(null, {
    status: 302,
    headers: { Location: location, "Cache-Control": cacheControl, "Referrer-Policy": "no-referrer" },
  });
}
