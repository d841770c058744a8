"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import type { MediaItem } from "@/lib/media/types";
import { TextField } from "@/components/ui/text-field";
import { FormMessages, type FormMessage } from "./form-messages";
import { uploadMediaFile } from "./media-client";

type MediaUploadFormProps = {
  /** Limits the file chooser to one kind (the picker); both when absent (the library). */
  kind?: MediaItem["kind"];
  onUploaded: (item: MediaItem, reused: boolean) => void;
};

const ACCEPT = {
  IMAGE: "image/jpeg,image/png,image/gif,image/webp,image/avif",
  PDF: "application/pdf",
  AUDIO: "audio/mpeg,audio/mp4,audio/x-m4a,audio/ogg,audio/opus,audio/wav,audio/x-wav,.mp3,.m4a,.ogg,.oga,.opus,.wav",
} as const;

/** Upload a file with its alt text, caption and credit; the server checks everything again. */
export function MediaUploadForm({ kind, onUploaded }: MediaUploadFormProps) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<FormMessage>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<string, string>>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setFieldErrors({ file: "Choose a file to upload." });
      setMessage({ tone: "error", text: "Choose a file to upload." });
      return;
    }
    setPending(true);
    setMessage(null);
    setFieldErrors({});
    const outcome = await uploadMediaFile(form);
    setPending(false);
    if (!outcome.ok) {
      setMessage({ tone: "error", text: outcome.message });
      setFieldErrors(outcome.fieldErrors);
      const firstInvalid = (["file", "alt", "caption", "credit"] as const).find((name) => outcome.fieldErrors[name]);
      if (firstInvalid) formRef.current?.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    formRef.current?.reset();
    setMessage({
      tone: "success",
      text: outcome.reused
        ? `“${outcome.item.filename}” is already in the library.`
        : `“${outcome.item.filename}” was uploaded.`,
    });
    onUploaded(outcome.item, outcome.reused);
  }

  const kinds =
    kind === "IMAGE"
      ? "JPEG, PNG, GIF, WebP or AVIF, up to 15 MB"
      : kind === "PDF"
        ? "PDF, up to 50 MB"
        : kind === "AUDIO"
          ? "MP3, M4A, Ogg (Vorbis or Opus) or WAV, up to 100 MB"
          : "Images (JPEG, PNG, GIF, WebP, AVIF) up to 15 MB; PDFs up to 50 MB; audio (MP3, M4A, Ogg, WAV) up to 100 MB";
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
      {kind ? <input type="hidden" name="kind" value={kind} /> : null}
      <TextField
        id={`${id}-file`}
        name="file"
        label="File"
        hint={kinds}
        error={fieldErrors.file}
        type="file"
        accept={kind ? ACCEPT[kind] : `${ACCEPT.IMAGE},${ACCEPT.PDF},${ACCEPT.AUDIO}`}
        className="sm:col-span-2"
      />
      {kind !== "PDF" && kind !== "AUDIO" ? (
        <TextField
          id={`${id}-alt`}
          name="alt"
          label="Alt text"
          hint="Required for images: what the image shows, for readers who cannot see it."
          error={fieldErrors.alt}
          maxLength={1000}
          className="sm:col-span-2"
        />
      ) : null}
      <TextField id={`${id}-caption`} name="caption" label="Caption" error={fieldErrors.caption} maxLength={2000} />
      <TextField id={`${id}-credit`} name="credit" label="Credit" error={fieldErrors.credit} maxLength={300} />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <button
          type="submit"
          disabled={pending}
          aria-disabled={pending}
          className="rounded bg-accent px-4 py-2 font-semibold text-white disabled:opacity-70"
        >
          {pending ? "Uploading…" : "Upload"}
        </button>
        <FormMessages message={message} />
      </div>
    </form>
  );
}
