/**
 * Search-as-you-type for the header's search form (components/public/search-form.tsx),
 * following the WAI-ARIA combobox pattern (list autocomplete): arrows move through the
 * suggestions, Enter opens the highlighted one or searches, Escape closes the list and
 * then clears the box. Without JavaScript the form is a plain GET to /search.
 *
 * Self-contained on purpose (no imports, nothing from outside the function): pages that
 * ship no framework JavaScript inline its source (see inline-enhancements.tsx), and React
 * pages call it from an effect. Returns a function that detaches it.
 */
export function attachSearchCombobox(
  form: HTMLFormElement,
  navigate: (href: string) => void = (href) => window.location.assign(href),
): () => void {
  const DEBOUNCE_MS = 150;
  const MIN_CHARACTERS = 2;
  const KIND_LABELS: Record<string, string> = { title: "Publication", author: "Author", category: "Topic" };
  type Suggestion = { kind: string; label: string; href: string };

  const input = form.querySelector<HTMLInputElement>('input[role="combobox"]');
  const list = input && document.getElementById(input.getAttribute("aria-controls") ?? "");
  const status = form.querySelector<HTMLElement>("[data-search-status]");
  if (!input || !list || !status) return () => {};

  let suggestions: Suggestion[] = [];
  let open = false;
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;

  /** The suggestions in /api/search/suggest's answer, or null if it is not one. */
  function suggestionsIn(body: unknown): Suggestion[] | null {
    const found = (body as { suggestions?: unknown } | null)?.suggestions;
    if (!Array.isArray(found)) return null;
    const valid = found.every(
      (item: Partial<Suggestion> | null) =>
        typeof item?.label === "string" &&
        typeof item.href === "string" &&
        typeof item.kind === "string" &&
        Object.hasOwn(KIND_LABELS, item.kind),
    );
    return valid ? (found as Suggestion[]) : null;
  }

  function optionId(index: number): string {
    return `${list!.id}-option-${index}`;
  }

  /** Draws the list and the box's ARIA state from `suggestions`, `open` and `active`. */
  function render() {
    const expanded = open && suggestions.length > 0;
    input!.setAttribute("aria-expanded", String(expanded));
    if (expanded && active >= 0) input!.setAttribute("aria-activedescendant", optionId(active));
    else input!.removeAttribute("aria-activedescendant");
    list!.hidden = !expanded;
    list!.replaceChildren(
      ...suggestions.map((suggestion, index) => {
        const selected = index === active;
        const option = document.createElement("li");
        option.id = optionId(index);
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", String(selected));
        option.dataset.index = String(index);
        option.className = `flex cursor-pointer items-baseline gap-2 px-3 py-2 ${selected ? "bg-accent text-white" : "hover:bg-gray-100"}`;
        const kind = document.createElement("span");
        kind.className = `shrink-0 text-xs uppercase tracking-wide ${selected ? "text-white" : "text-muted"}`;
        kind.textContent = KIND_LABELS[suggestion.kind] ?? "";
        const label = document.createElement("span");
        label.textContent = suggestion.label;
        option.append(kind, " ", label);
        return option;
      }),
    );
    const announcement = expanded ? `${suggestions.length} suggestions; use the arrow keys to choose.` : "";
    if (status!.textContent !== announcement) status!.textContent = announcement;
  }

  function close() {
    open = false;
    active = -1;
    render();
  }

  function go(suggestion: Suggestion) {
    close();
    navigate(suggestion.href);
  }

  /** Asks for suggestions once typing pauses; an answer to older text is discarded. */
  function requestSuggestions(text: string) {
    clearTimeout(timer);
    inFlight?.abort();
    if (text.trim().length < MIN_CHARACTERS) {
      suggestions = [];
      close();
      return;
    }
    timer = setTimeout(async () => {
      const controller = new AbortController();
      inFlight = controller;
      try {
        const response = await fetch(`/api/search/suggest?q=${encodeURIComponent(text)}`, {
          signal: controller.signal,
        });
        if (!response.ok) return;
        const found = suggestionsIn(await response.json());
        if (!found || controller.signal.aborted) return;
        suggestions = found;
        open = found.length > 0;
        active = -1;
        render();
      } catch {
        // Aborted by newer typing, or offline: the box still searches on Enter.
      }
    }, DEBOUNCE_MS);
  }

  function onInput() {
    requestSuggestions(input!.value);
  }

  function onKeyDown(event: KeyboardEvent) {
    const count = suggestions.length;
    if (event.key === "ArrowDown" && count > 0) {
      event.preventDefault();
      active = open ? (active + 1) % count : 0;
      open = true;
      render();
    } else if (event.key === "ArrowUp" && count > 0) {
      event.preventDefault();
      active = open && active > 0 ? active - 1 : count - 1;
      open = true;
      render();
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      go(suggestions[active]!);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      } else if (input!.value) {
        event.preventDefault();
        input!.value = "";
        suggestions = [];
        render();
      }
    }
  }

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    close();
    const text = input!.value.trim();
    navigate(text ? `/search?q=${encodeURIComponent(text)}` : "/search");
  }

  // Keeps focus in the box, so the click lands before the list closes on blur.
  function onListMouseDown(event: MouseEvent) {
    event.preventDefault();
  }

  function onListClick(event: MouseEvent) {
    const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
    const suggestion = option && suggestions[Number(option.dataset.index)];
    if (suggestion) go(suggestion);
  }

  input.addEventListener("input", onInput);
  input.addEventListener("keydown", onKeyDown);
  input.addEventListener("blur", close);
  form.addEventListener("submit", onSubmit);
  list.addEventListener("mousedown", onListMouseDown);
  list.addEventListener("click", onListClick);
  // Marks the box as live (tests wait on it), and answers text typed before the script ran.
  form.setAttribute("data-search-ready", "");
  if (document.activeElement === input && input.value) requestSuggestions(input.value);
  return () => {
    form.removeAttribute("data-search-ready");
    clearTimeout(timer);
    inFlight?.abort();
    input.removeEventListener("input", onInput);
    input.removeEventListener("keydown", onKeyDown);
    input.removeEventListener("blur", close);
    form.removeEventListener("submit", onSubmit);
    list.removeEventListener("mousedown", onListMouseDown);
    list.removeEventListener("click", onListClick);
  };
}
