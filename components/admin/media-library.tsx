"use client";

import { useCallback, useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { TextField } from "@/components/ui/text-field";
import type { MediaItem, MediaListResponse } from "@/lib/media/types";
import { fetchMediaPage } from "./media-client";
import { MediaDetailsForm } from "./media-details-form";
import { MediaThumbnail, mediaFacts } from "./media-thumbnail";
import { MediaUploadForm } from "./media-upload-form";

type MediaLibraryProps = {
  initial: MediaListResponse;
  query: { kind?: MediaItem["kind"]; q: string };
};

/** The /admin/media grid: upload, browse page by page, edit details, delete. */
export function MediaLibrary({ initial, query }: MediaLibraryProps) {
  const [items, setItems] = useState(initial.items);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const [editing, setEditing] = useState<MediaItem | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [loadError, setLoadError] = useState("");

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    setLoadError("");
    try {
      const page = await fetchMediaPage({ ...query, cursor: nextCursor });
      setItems((current) => [
        ...current,
        ...page.items.filter((item) => !current.some((existing) => existing.id === item.id)),
      ]);
      setNextCursor(page.nextCursor);
      setAnnouncement(`${page.items.length} more files shown.`);
    } catch (error) {
      setLoadError((error as Error).message);
    }
    setLoadingMore(false);
  }

  function onUploaded(item: MediaItem) {
    setItems((current) => [item, ...current.filter((existing) => existing.id !== item.id)]);
  }

  const closeEditor = useCallback(() => setEditing(null), []);

  return (
    <>
      <section aria-labelledby="media-upload-heading" className="mt-6 rounded border border-rule p-4">
        <h2 id="media-upload-heading" className="text-lg font-bold">
          Upload a file
        </h2>
        <div className="mt-3">
          <MediaUploadForm onUploaded={onUploaded} />
        </div>
      </section>

      <form method="get" action="/admin/media" role="search" className="mt-8 flex flex-wrap items-end gap-4">
        <TextField
          id="media-q"
          name="q"
          label="Search media"
          type="search"
          defaultValue={query.q}
          maxLength={200}
          controlClassName="w-72"
        />
        <TextField
          as="select"
          id="media-kind"
          name="kind"
          label="Kind"
          defaultValue={query.kind ?? ""}
          controlClassName="w-auto"
        >
          <option value="">All kinds</option>
          <option value="IMAGE">Images</option>
          <option value="PDF">PDFs</option>
          <option value="AUDIO">Audio</option>
        </TextField>
        <button type="submit" className="rounded bg-accent px-4 py-2 font-semibold text-white">
          Search
        </button>
      </form>

      <p role="status" className="sr-only">
        {announcement}
      </p>
      {items.length === 0 ? (
        <p className="mt-6">
          {query.q || query.kind ? "No files match." : "The media library is empty. Upload a file to begin."}
        </p>
      ) : (
        <ul aria-label="Media files" className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
          {items.map((item) => (
            <li key={item.id} className="flex flex-col rounded border border-rule">
              <MediaThumbnail item={item} />
              <div className="flex flex-1 flex-col gap-1 p-2 text-sm">
                <p className="break-all font-semibold">{item.filename}</p>
                <p className="text-muted">{mediaFacts(item)}</p>
                {item.kind === "IMAGE" ? (
                  <p className="line-clamp-2">
                    {item.alt ? `Alt: ${item.alt}` : <span className="text-red-800">No alt text</span>}
                  </p>
                ) : null}
                <button
                  type="button"
                  onClick={() => setEditing(item)}
                  className="mt-auto self-start rounded border border-gray-500 px-3 py-1"
                >
                  Edit<span className="sr-only"> {item.filename}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {loadError ? (
        <p role="alert" className="mt-4 text-red-800">
          {loadError}
        </p>
      ) : null}
      {nextCursor ? (
        <button
          type="button"
          onClick={loadMore}
          disabled={loadingMore}
          className="mt-6 rounded border border-gray-500 px-4 py-2 disabled:opacity-70"
        >
          {loadingMore ? "Loading…" : "Show more"}
        </button>
      ) : null}

      <ModalDialog
        open={editing !== null}
        title={editing ? `Edit “${editing.filename}”` : "Edit"}
        onClose={closeEditor}
      >
        {editing ? (
          <MediaDetailsForm
            key={editing.id}
            item={editing}
            onSaved={(saved) => setItems((current) => current.map((item) => (item.id === saved.id ? saved : item)))}
            onDeleted={(deleted, message) => {
              setItems((current) => current.filter((item) => item.id !== deleted.id));
              setEditing(null);
              setAnnouncement(message);
            }}
          />
        ) : null}
      </ModalDialog>
    </>
  );
}
