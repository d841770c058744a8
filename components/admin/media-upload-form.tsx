"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import type { MediaItem } from "@/lib/media/types";
import { uploadMediaFile } from "./media-client";

type MediaUploadFormProps = {
  /** Limits the file chooser to one kind (the picker); both when absent (the library). */
  kind?: MediaItem["kind"];
  onUploaded: (item: MediaItem, reused: boolean) => void;
};

const ACCEPT = { IMAGE: "image/jpeg,image/png,image/gif,image/webp,image/avif", PDF: "application/pdf" } as const;
const FIELD_CLASS = "mt-1 w-full rounded border border-gray-500 px-3 py-2";

/** Upload a file with its alt text, caption and credit; the server checks everything again. */
export function MediaUploadForm({ kind, onUploaded }: MediaUploadFormProps) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setFieldErrors({ file: ["Choose a file to upload."] });
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
    setMessage({ tone: "success", text: outcome.reused ? `“${outcome.item.filename}” is already in the library.` : `“${outcome.item.filename}” was uploaded.` });
    onUploaded(outcome.item, outcome.reused);
  }

  function field(name: "file" | "alt" | "caption" | "credit", label: string, input: (props: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode, hint?: string) {
    const inputId = `${id}-${name}`;
    const errors = fieldErrors[name];
    const describedBy = [hint ? `${inputId}-hint` : "", errors ? `${inputId}-error` : ""].filter(Boolean).join(" ") || undefined;
    return (
      <div>
        <label htmlFor={inputId} className="block text-sm font-semibold">
          {label}
        </label>
        {hint ? (
          <p id={`${inputId}-hint`} className="text-sm text-muted">
            {hint}
          </p>
        ) : null}
        {input({ id: inputId, name, "aria-invalid": errors ? true : undefined, "aria-describedby": describedBy })}
        {errors ? (
          <p id={`${inputId}-error`} className="mt-1 text-sm text-red-800">
            {errors.join(" ")}
          </p>
        ) : null}
      </div>
    );
  }

  const kinds = kind === "IMAGE" ? "JPEG, PNG, GIF, WebP or AVIF, up to 15 MB" : kind === "PDF" ? "PDF, up to 50 MB" : "Images (JPEG, PNG, GIF, WebP, AVIF) up to 15 MB; PDFs up to 50 MB";
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        {field("file", "File", (props) => <input {...props} type="file" accept={kind ? ACCEPT[kind] : `${ACCEPT.IMAGE},${ACCEPT.PDF}`} className={FIELD_CLASS} />, kinds)}
      </div>
      {kind !== "PDF" ? (
        <div className="sm:col-span-2">
          {field("alt", "Alt text", (props) => <input {...props} type="text" maxLength={1000} className={FIELD_CLASS} />, "Required for images: what the image shows, for readers who cannot see it.")}
        </div>
      ) : null}
      {field("caption", "Caption", (props) => <input {...props} type="text" maxLength={2000} className={FIELD_CLASS} />)}
      {field("credit", "Credit", (props) => <input {...props} type="text" maxLength={300} className={FIELD_CLASS} />)}
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <button type="submit" disabled={pending} aria-disabled={pending} className="rounded bg-accent px-4 py-2 font-semibold text-white disabled:opacity-70">
          {pending ? "Uploading…" : "Upload"}
        </button>
        {/* Both live regions are always present, so screen readers announce what appears in them. */}
        <p role="status" className="text-green-800">
          {message?.tone === "success" ? message.text : ""}
        </p>
        <p role="alert" className="text-red-800">
          {message?.tone === "error" ? message.text : ""}
        </p>
      </div>
    </form>
  );
}
