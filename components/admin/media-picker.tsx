"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { MediaItem, MediaListResponse, MediaPickerProps, MediaUploadResponse } from "@/lib/media/types";

/**
 * The media library dialog (contract: lib/media/types.ts): lists items of one kind from
 * GET /api/admin/media, searches them, uploads through POST /api/admin/media (alt text
 * required for images) and hands the chosen item to `onSelect`.
 */
export function MediaPicker({ open, kind, onSelect, onClose }: MediaPickerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [items, setItems] = useState<MediaItem[]>([]);
  const [query, setQuery] = useState("");
  const [message, setMessage] = useState("");
  const [uploading, setUploading] = useState(false);
  const noun = kind === "IMAGE" ? "image" : "PDF";

  const load = useCallback(async (search: string) => {
    setMessage("Loading…");
    const params = new URLSearchParams({ kind, ...(search ? { q: search } : {}) });
    const response = await fetch(`/api/admin/media?${params}`).catch(() => null);
    if (!response?.ok) {
      setMessage("The media library could not be loaded.");
      return;
    }
    const page = (await response.json()) as MediaListResponse;
    setItems(page.items);
    setMessage(page.items.length === 0 ? `No ${noun}s found.` : "");
  }, [kind, noun]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      void load("");
    } else if (!open && element.open) element.close();
  }, [open, load]);

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setUploading(true);
    const response = await fetch("/api/admin/media", { method: "POST", body: new FormData(event.currentTarget) }).catch(() => null);
    setUploading(false);
    const answer = (await response?.json().catch(() => null)) as MediaUploadResponse | null;
    if (response?.ok && answer && "item" in answer) onSelect(answer.item);
    else setMessage(answer && "error" in answer ? answer.error : "The upload failed.");
  }

  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="media-picker-title" className="m-auto w-full max-w-3xl rounded p-6 shadow-xl backdrop:bg-black/40">
      {open ? (
      <>
      <div className="flex items-center justify-between">
        <h2 id="media-picker-title" className="text-xl font-bold">Choose {kind === "IMAGE" ? "an image" : "a PDF"}</h2>
        <button type="button" onClick={onClose} className="rounded border border-gray-500 px-3 py-1">Close</button>
      </div>
      <form role="search" className="mt-4 flex gap-2" onSubmit={(event) => { event.preventDefault(); void load(query); }}>
        <label htmlFor="media-picker-q" className="sr-only">Search the media library</label>
        <input id="media-picker-q" type="search" value={query} onChange={(event) => setQuery(event.target.value)} className="w-64 rounded border border-gray-500 px-3 py-1" />
        <button type="submit" className="rounded border border-gray-500 px-3 py-1">Search</button>
      </form>
      <p role="status" className="mt-2 text-sm text-muted">{message}</p>
      <ul className="mt-2 grid max-h-80 grid-cols-2 gap-3 overflow-y-auto sm:grid-cols-4">
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" onClick={() => onSelect(item)} className="w-full rounded border border-rule p-2 text-left text-xs hover:border-accent">
              {/* eslint-disable-next-line @next/next/no-img-element -- library thumbnails of any size */}
              {item.kind === "IMAGE" ? <img src={item.variants[0]?.url ?? item.url} alt="" className="h-20 w-full object-cover" /> : null}
              <span className="mt-1 block truncate">Choose {item.filename}</span>
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={upload} className="mt-6 grid gap-3 border-t border-rule pt-4 sm:grid-cols-2">
        <h3 className="font-semibold sm:col-span-2">Upload a new {noun}</h3>
        <label className="text-sm">File
          <input name="file" type="file" required accept={kind === "IMAGE" ? "image/jpeg,image/png,image/webp,image/gif" : "application/pdf"} className="mt-1 block" />
        </label>
        <label className="text-sm">Alt text
          <input name="alt" required={kind === "IMAGE"} maxLength={500} className="mt-1 block w-full rounded border border-gray-500 px-2 py-1" />
        </label>
        <label className="text-sm">Caption
          <input name="caption" maxLength={1000} className="mt-1 block w-full rounded border border-gray-500 px-2 py-1" />
        </label>
        <label className="text-sm">Credit
          <input name="credit" maxLength={300} className="mt-1 block w-full rounded border border-gray-500 px-2 py-1" />
        </label>
        <div className="sm:col-span-2">
          <button type="submit" disabled={uploading} className="rounded bg-accent px-4 py-2 font-semibold text-white disabled:opacity-60">{uploading ? "Uploading…" : "Upload"}</button>
        </div>
      </form>
      </>
      ) : null}
    </dialog>
  );
}
