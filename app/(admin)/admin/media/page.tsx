import type { Metadata } from "next";
import { MediaLibrary } from "@/components/admin/media-library";
import { requirePermission } from "@/lib/auth/session";
import { listMedia } from "@/lib/media/library";
import { db } from "@/lib/db";
import { mediaListQuerySchema } from "@/lib/validations/media";

export const metadata: Metadata = { title: "Media" };

export default async function AdminMediaPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  await requirePermission("content.write", "/admin/media");
  // A hand-edited address with a bad filter shows the whole library rather than an error.
  const parsed = mediaListQuerySchema.safeParse({ kind: params.kind, q: params.q });
  const query = parsed.success ? parsed.data : mediaListQuerySchema.parse({});
  const page = await listMedia(db, query);
  return (
    <>
      <h1 className="text-2xl font-bold">Media</h1>
      <p className="mt-2 text-muted">
        Images, PDFs and audio for publications and events. Images need alt text; each gets smaller WebP sizes for fast
        pages. Audio (MP3, M4A, Ogg, WAV) plays on event pages; give it a transcript there.
      </p>
      <MediaLibrary key={`${query.kind ?? ""}:${query.q}`} initial={page} query={{ kind: query.kind, q: query.q }} />
    </>
  );
}
