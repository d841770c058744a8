"use client";

import { useId, useState, type FormEvent } from "react";
import { deleteMedia } from "@/lib/actions/media/delete-media";
import { updateMediaDetails } from "@/lib/actions/media/update-media-details";
import type { MediaItem } from "@/lib/media/types";
import { TextField } from "@/components/ui/text-field";
import { FormMessages, type FormMessage } from "./form-messages";
import { mediaFacts } from "./media-thumbnail";

type MediaDetailsFormProps = {
  item: MediaItem;
  onSaved: (item: MediaItem) => void;
  onDeleted: (item: MediaItem, message: string) => void;
};

/** Edit an item's alt text, caption and credit, or delete it (the server refuses while it is in use). */
export function MediaDetailsForm({ item, onSaved, onDeleted }: MediaDetailsFormProps) {
  const id = useId();
  const [pending, setPending] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [message, setMessage] = useState<FormMessage>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<string, string>>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await updateMediaDetails(item.id, new FormData(event.currentTarget));
    setPending(false);
    if (result.ok) {
      setFieldErrors({});
      setMessage({ tone: "success", text: result.message });
      onSaved(result.item);
    } else {
      setFieldErrors(result.fieldErrors ?? {});
      setMessage({ tone: "error", text: result.message });
    }
  }

  async function onDelete() {
    setPending(true);
    const result = await deleteMedia(item.id);
    setPending(false);
    setConfirmingDelete(false);
    if (result.ok) onDeleted(item, result.message);
    else setMessage({ tone: "error", text: result.message });
  }

  const fields = [
    ...(item.kind === "IMAGE" ? [{ name: "alt", label: "Alt text", value: item.alt, max: 1000 }] : []),
    { name: "caption", label: "Caption", value: item.caption, max: 2000 },
    { name: "credit", label: "Credit", value: item.credit, max: 300 },
  ];

  return (
    <div className="grid gap-6 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <div>
        {item.kind === "IMAGE" ? (
          // eslint-disable-next-line @next/next/no-img-element -- stored media, dimensions known
          <img
            src={item.variants[0]?.url ?? item.url}
            alt={item.alt}
            width={item.width ?? undefined}
            height={item.height ?? undefined}
            className="h-auto w-full border border-rule"
          />
        ) : item.kind === "AUDIO" ? (
          <audio
            controls
            preload="metadata"
            src={item.url}
            aria-label={`Listen to ${item.filename}`}
            className="w-full"
          >
            <a href={item.url}>Download the audio</a>
          </audio>
        ) : (
          <a href={item.url} className="text-accent underline">
            Open the PDF
          </a>
        )}
        <p className="mt-2 break-all text-sm">{item.filename}</p>
        <p className="text-sm text-muted">{mediaFacts(item)}</p>
        <p className="text-sm">
          <a href={item.url} className="text-accent underline">
            Original file
          </a>
        </p>
      </div>
      <div>
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          {fields.map((field) => (
            <TextField
              key={field.name}
              id={`${id}-${field.name}`}
              name={field.name}
              label={field.label}
              error={fieldErrors[field.name]}
              defaultValue={field.value}
              maxLength={field.max}
            />
          ))}
          <button
            type="submit"
            disabled={pending}
            aria-disabled={pending}
            className="rounded bg-accent px-4 py-2 font-semibold text-white disabled:opacity-70"
          >
            Save details
          </button>
        </form>
        <div className="mt-3">
          <FormMessages message={message} />
        </div>
        <div className="mt-6 border-t border-rule pt-4">
          {confirmingDelete ? (
            <div className="flex flex-wrap items-center gap-3">
              <p className="font-semibold">Delete “{item.filename}” for good?</p>
              <button
                type="button"
                onClick={onDelete}
                disabled={pending}
                className="rounded bg-red-800 px-4 py-2 font-semibold text-white disabled:opacity-70"
              >
                Yes, delete
              </button>
              <button
                type="button"
                autoFocus
                onClick={() => setConfirmingDelete(false)}
                className="rounded border border-gray-500 px-4 py-2"
              >
                Keep it
              </button>
            </div>
          ) : (
            <button
              type="button"
              onClick={() => setConfirmingDelete(true)}
              className="rounded border border-red-800 px-4 py-2 font-semibold text-red-800"
            >
              Delete file
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
