"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

type ModalDialogProps = {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Tailwind width class of the panel. */
  widthClassName?: string;
};

/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page
 * inert and traps focus, Escape closes it, and focus returns to where it was on close.
 * onClose is called when the person closes it (Escape, the Close button), not when the
 * parent does by setting `open` to false.
 */
export function ModalDialog({ open, title, onClose, children, widthClassName = "max-w-3xl" }: ModalDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  // Set while the parent closes the dialog (open → false), so onClose is not called back.
  const closingFromPropRef = useRef(false);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocusRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      // showModal focuses the first control; a dialog may name a better one (e.g. its search box).
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!open && dialog.open) {
      closingFromPropRef.current = true;
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // "close" fires for Escape, the Close button and dialog.close() alike.
    function handleClose() {
      returnFocusRef.current?.focus();
      if (closingFromPropRef.current) closingFromPropRef.current = false;
      else onClose();
    }
    dialog.addEventListener("close", handleClose);
    return () => dialog.removeEventListener("close", handleClose);
  }, [onClose]);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      className={`m-auto w-[calc(100%-2rem)] ${widthClassName} rounded border border-rule bg-white p-0 text-ink shadow-xl backdrop:bg-black/50`}
    >
      {open ? (
        <div className="flex max-h-[85vh] flex-col">
          <div className="flex items-center justify-between gap-4 border-b border-rule px-5 py-3">
            <h2 id={titleId} className="text-lg font-bold">
              {title}
            </h2>
            <button
              type="button"
              onClick={() => dialogRef.current?.close()}
              className="rounded border border-gray-500 px-3 py-1 text-sm"
            >
              Close
            </button>
          </div>
          <div className="overflow-y-auto px-5 py-4">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}
