/**
 * The browser's side of the media API (GET and POST /api/admin/media), shared by the
 * library page and the picker.
 */
import type { MediaItem, MediaListResponse, MediaUploadResponse } from "@/lib/media/types";

export type MediaQuery = { kind?: MediaItem["kind"]; q?: string; cursor?: number | null };

export async function fetchMediaPage(query: MediaQuery, signal?: AbortSignal): Promise<MediaListResponse> {
  const params = new URLSearchParams();
  if (query.kind) params.set("kind", query.kind);
  if (query.q) params.set("q", query.q);
  if (query.cursor) params.set("cursor", String(query.cursor));
  const response = await fetch(`/api/admin/media?${params}`, { signal, headers: { accept: "application/json" } });
  if (!response.ok) throw new Error("The media library could not be loaded. Try again.");
  return (await response.json()) as MediaListResponse;
}

export type UploadOutcome =
  | { ok: true; item: MediaItem; reused: boolean }
  | { ok: false; message: string; fieldErrors: Partial<Record<string, string>> };

export async function uploadMediaFile(form: FormData): Promise<UploadOutcome> {
  let response: Response;
  try {
    response = await fetch("/api/admin/media", { method: "POST", body: form });
  } catch {
    return { ok: false, message: "The upload failed. Check your connection and try again.", fieldErrors: {} };
  }
  const body = (await response.json().catch(() => null)) as MediaUploadResponse | null;
  if (body?.ok) return { ok: true, item: body.item, reused: !body.created };
  return {
    ok: false,
    message: body?.message ?? `The upload failed (HTTP ${response.status}).`,
    fieldErrors: body?.fieldErrors ?? {},
  };
}

/** The smallest rendition wide enough for a thumbnail, else the original. */
export function thumbnailUrl(item: MediaItem): string {
  return item.variants[0]?.url ?? item.url;
}
