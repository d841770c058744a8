/**
 * A button that copies its `data-copy-text` to the clipboard and says so, for screen
 * readers too (its `[data-copy-status]` live region and `[data-copy-mark]` check mark).
 *
 * Self-contained on purpose (see search-combobox.ts). Returns a function that detaches it.
 */
export function attachCopyButton(button: HTMLButtonElement): () => void {
  const status = button.querySelector<HTMLElement>("[data-copy-status]");
  const mark = button.querySelector<HTMLElement>("[data-copy-mark]");
  let timer: ReturnType<typeof setTimeout> | undefined;

  function show(copied: boolean) {
    if (status) status.textContent = copied ? "Copied" : "";
    if (mark) mark.hidden = !copied;
  }

  async function onClick() {
    await navigator.clipboard.writeText(button.dataset.copyText ?? "");
    show(true);
    clearTimeout(timer);
    timer = setTimeout(() => show(false), 2000);
  }

  button.addEventListener("click", onClick);
  return () => {
    clearTimeout(timer);
    button.removeEventListener("click", onClick);
  };
}
