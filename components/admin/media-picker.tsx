"use client";

import { useEffect, useId, useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { TextField } from "@/components/ui/text-field";
import type { MediaItem, MediaPickerProps } from "@/lib/media/types";
import { fetchMediaPage } from "./media-client";
import { MediaThumbnail, mediaFacts } from "./media-thumbnail";
import { MediaUploadForm } from "./media-upload-form";

const SEARCH_DELAY_MS = 250;

/** What the picker calls the kind it lists: "Choose an audio file", "No PDFs match …". */
const KIND_NOUN = {
  IMAGE: { article: "an", noun: "image" },
  PDF: { article: "a", noun: "PDF" },
  AUDIO: { article: "an", noun: "audio file" },
} as const satisfies Record<MediaItem["kind"], { article: string; noun: string }>;

/**
 * The dialog the editor opens to choose a body image, the featured image, the PDF, or an
 * event's slides or audio (it lists only the kind asked for):
 * search the library, choose an item, or upload one and choose it at once. Choosing
 * calls onSelect and then onClose; Escape or Close calls onClose only.
 */
export function MediaPicker({ open, kind, onSelect, onClose }: MediaPickerProps) {
  function choose(item: MediaItem) {
    onSelect(item);
    onClose();
  }
  // The contents mount each time the dialog opens, so every visit starts with a fresh search.
  return (
    <ModalDialog
      open={open}
      title={`Choose ${KIND_NOUN[kind].article} ${KIND_NOUN[kind].noun}`}
      onClose={onClose}
      widthClassName="max-w-4xl"
    >
      <PickerContents kind={kind} onChoose={choose} />
    </ModalDialog>
  );
}

function PickerContents({ kind, onChoose }: { kind: MediaItem["kind"]; onChoose: (item: MediaItem) => void }) {
  const id = useId();
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  // The answer for one search, tagged with it: while the tag differs from the current search, it is loading.
  const [result, setResult] = useState<{
    key: string;
    items: MediaItem[];
    nextCursor: number | null;
    error: string;
  } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const searchKey = `${kind}:${query}`;
  const current = result?.key === searchKey ? result : null;
  const items = current?.items ?? [];
  const nextCursor = current?.nextCursor ?? null;
  const loading = !current || loadingMore;
  const error = current?.error ?? "";
  const { noun } = KIND_NOUN[kind];

  // Waits for a pause in typing before searching.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    const controller = new AbortController();
    const key = `${kind}:${query}`;
    fetchMediaPage({ kind, q: query }, controller.signal).then(
      (page) => setResult({ key, items: page.items, nextCursor: page.nextCursor, error: "" }),
      (failure: Error) => {
        if (!controller.signal.aborted) setResult({ key, items: [], nextCursor: null, error: failure.message });
      },
    );
    return () => controller.abort();
  }, [kind, query]);

  async function loadMore() {
    if (!current?.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchMediaPage({ kind, q: query, cursor: current.nextCursor });
      setResult({ ...current, items: [...current.items, ...page.items], nextCursor: page.nextCursor });
    } catch (failure) {
      setResult({ ...current, error: (failure as Error).message });
    }
    setLoadingMore(false);
  }

  const status = loading
    ? "Loading…"
    : items.length === 0
      ? query
        ? `No ${noun}s match “${query}”.`
        : `No ${noun}s in the library yet.`
      : `${items.length}${nextCursor ? "+" : ""} ${noun}s shown.`;

  return (
    <>
      <TextField
        id={`${id}-search`}
        label="Search media"
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        maxLength={200}
        data-autofocus
        controlClassName="w-full max-w-md"
      />
      <p role="status" className="mt-3 text-sm text-muted">
        {status}
      </p>
      {error ? (
        <p role="alert" className="mt-2 text-red-800">
          {error}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ul aria-label={`${noun}s`} className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 md:grid-cols-4">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                onClick={() => onChoose(item)}
                className="flex w-full flex-col rounded border border-rule text-left hover:border-accent focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-accent"
              >
                <MediaThumbnail item={item} />
                <span className="p-2 text-sm">
                  <span className="block break-all font-semibold">{item.filename}</span>
                  <span className="block text-muted">{mediaFacts(item)}</span>
                  {item.alt ? <span className="sr-only">Alt text: {item.alt}</span> : null}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {nextCursor ? (
        <button
          type="button"
          onClick={loadMore}
          disabled={loading}
          className="mt-4 rounded border border-gray-500 px-4 py-2 disabled:opacity-70"
        >
          Show more
        </button>
      ) : null}
      <section aria-labelledby={`${id}-upload`} className="mt-6 border-t border-rule pt-4">
        <h3 id={`${id}-upload`} className="font-bold">
          Upload a new {noun}
        </h3>
        <div className="mt-3">
          <MediaUploadForm kind={kind} onUploaded={onChoose} />
        </div>
      </section>
    </>
  );
}
