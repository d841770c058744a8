"use client";

import { useEffect, useRef } from "react";
import { attachCopyButton } from "@/components/enhancements/copy-button";

/**
 * Copies `text` to the clipboard. On React pages the effect attaches the behaviour; on
 * pages without React the inline script does (components/public/inline-enhancements.tsx).
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => attachCopyButton(button.current!), []);
  return (
    <button
      ref={button}
      type="button"
      data-copy-text={text}
      className="rounded border border-accent px-3 py-1 text-sm text-accent hover:bg-blue-50"
    >
      {label}
      <span role="status" className="sr-only" data-copy-status="" />
      <span aria-hidden="true" data-copy-mark="" hidden>
        {" "}
        ✓
      </span>
    </button>
  );
}
