"use client";

import { useState } from "react";

/** Copies `text` to the clipboard and says so for screen readers too. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="rounded border border-accent px-3 py-1 text-sm text-accent hover:bg-blue-50"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {label}
      <span role="status" className="sr-only">
        {copied ? "Copied" : ""}
      </span>
      {copied && <span aria-hidden="true"> ✓</span>}
    </button>
  );
}
