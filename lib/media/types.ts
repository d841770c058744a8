/**
 * A media library item as the staff area sees it: what the picker lists, what an upload
 * returns, and what the editor puts into a publication (images in the body, the featured
 * image, the PDF attachment). Served by GET/POST /api/admin/media.
 */
import type { MediaKind } from "@/lib/generated/prisma/client";

export type MediaItem = {
  id: number;
  kind: MediaKind;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  /** Public URL of the original file (mediaUrl in lib/format/paths.ts). */
  url: string;
  width: number | null;
  height: number | null;
  alt: string;
  caption: string;
  credit: string;
  /** Smaller renditions of an image, narrowest first, for srcset. */
  variants: { width: number; height: number; url: string }[];
  createdAt: string;
};

/** GET /api/admin/media?kind=IMAGE|PDF|AUDIO&q=&cursor= */
export type MediaListResponse = { items: MediaItem[]; nextCursor: number | null };

/**
 * POST /api/admin/media (multipart: file, alt, caption, credit): 201 with the item (200 when
 * already in the library), or 4xx with `{ ok: false, message, fieldErrors? }` (lib/http/respond.ts).
 */
export type MediaUploadResponse =
  | { ok: true; item: MediaItem; created: boolean }
  | { ok: false; message: string; fieldErrors?: Partial<Record<string, string>> };

/**
 * The picker dialog the editor opens for body images, the featured image and the PDF
 * (components/admin/media-picker.tsx): browse, search, upload, choose.
 */
export type MediaPickerProps = {
  open: boolean;
  kind: MediaItem["kind"];
  onSelect: (item: MediaItem) => void;
  onClose: () => void;
};
