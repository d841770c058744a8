import { formatBytes } from "@/lib/format/bytes";
import type { MediaItem } from "@/lib/media/types";
import { thumbnailUrl } from "./media-client";

/** A square preview: the image's smallest rendition, or a PDF or audio badge. Decorative: the caller names the item. */
export function MediaThumbnail({ item }: { item: MediaItem }) {
  if (item.kind !== "IMAGE") {
    return (
      <div
        aria-hidden="true"
        className="flex aspect-square w-full items-center justify-center bg-gray-100 font-bold tracking-wide text-gray-700"
      >
        {item.kind === "PDF" ? "PDF" : "Audio"}
      </div>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- stored media, already resized
    <img
      src={thumbnailUrl(item)}
      alt=""
      loading="lazy"
      className="aspect-square w-full bg-gray-100 object-cover"
      width={240}
      height={240}
    />
  );
}

/** "1,600 × 900 · 240 KB" */
export function mediaFacts(item: MediaItem): string {
  const size = formatBytes(item.sizeBytes);
  return item.width && item.height
    ? `${item.width.toLocaleString("en-US")} × ${item.height.toLocaleString("en-US")} · ${size}`
    : size;
}
