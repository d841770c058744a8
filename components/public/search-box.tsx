"use client";

/**
 * The header's search box: a plain GET form to /search (works without JavaScript), with
 * search-as-you-type suggestions following the WAI-ARIA combobox pattern (list
 * autocomplete): arrows move through the suggestions, Enter opens the highlighted one or
 * searches, Escape closes the list and then clears the box.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

const DEBOUNCE_MS = 150;
const MIN_CHARACTERS = 2;
const MAX_QUERY_LENGTH = 256;
const KIND_LABELS = { title: "Publication", author: "Author", category: "Topic" } as const;

type Suggestion = { kind: keyof typeof KIND_LABELS; label: string; href: string };

/** The suggestions in /api/search/suggest's answer, or null if it is not one (checked by hand: a schema library would weigh more than this box). */
function suggestionsIn(body: unknown): Suggestion[] | null {
  const list = (body as { suggestions?: unknown } | null)?.suggestions;
  if (!Array.isArray(list)) return null;
  const valid = list.every((item: Partial<Suggestion> | null) =>
    typeof item?.label === "string" && typeof item.href === "string" && typeof item.kind === "string" && Object.hasOwn(KIND_LABELS, item.kind));
  return valid ? (list as Suggestion[]) : null;
}

export function SearchBox() {
  // Reading the URL needs a Suspense boundary on statically rendered pages.
  return (
    <Suspense fallback={<SearchCombobox initialQuery="" />}>
      <SearchBoxFromUrl />
    </Suspense>
  );
}

/** On the results page the box shows the current query. */
function SearchBoxFromUrl() {
  const pathname = usePathname();
  const params = useSearchParams();
  const query = pathname === "/search" ? (params.get("q") ?? "") : "";
  return <SearchCombobox key={query} initialQuery={query} />;
}

function SearchCombobox({ initialQuery }: { initialQuery: string }) {
  const router = useRouter();
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-suggestions`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const [query, setQuery] = useState(initialQuery);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<AbortController | undefined>(undefined);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );

  function close() {
    setOpen(false);
    setActive(-1);
  }

  /** Asks for suggestions once typing pauses; an answer to older text is discarded. */
  function requestSuggestions(text: string) {
    clearTimeout(timer.current);
    inFlight.current?.abort();
    if (text.trim().length < MIN_CHARACTERS) {
      setSuggestions([]);
      close();
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      inFlight.current = controller;
      try {
        const response = await fetch(`/api/search/suggest?q=${encodeURIComponent(text)}`, { signal: controller.signal });
        if (!response.ok) return;
        const found = suggestionsIn(await response.json());
        if (!found || controller.signal.aborted) return;
        setSuggestions(found);
        setOpen(found.length > 0);
        setActive(-1);
      } catch {
        // Aborted by newer typing, or offline: the box still searches on Enter.
      }
    }, DEBOUNCE_MS);
  }

  function go(suggestion: Suggestion) {
    close();
    router.push(suggestion.href);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = suggestions.length;
    if (event.key === "ArrowDown" && count > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (open ? (current + 1) % count : 0));
    } else if (event.key === "ArrowUp" && count > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (open && current > 0 ? current - 1 : count - 1));
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      go(suggestions[active]!);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      } else if (query) {
        event.preventDefault();
        setQuery("");
        setSuggestions([]);
      }
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    close();
    const text = query.trim();
    router.push(text ? `/search?q=${encodeURIComponent(text)}` : "/search");
  }

  const expanded = open && suggestions.length > 0;
  return (
    <form role="search" action="/search" method="get" onSubmit={onSubmit} className="relative flex items-center gap-2 text-sm">
      <label htmlFor={inputId} className="font-semibold">
        Search
      </label>
      <input
        id={inputId}
        type="search"
        name="q"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        maxLength={MAX_QUERY_LENGTH}
        placeholder="All site content"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          requestSuggestions(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
        className="w-44 rounded border border-gray-500 px-2 py-1.5 sm:w-60"
      />
      {/* Named "Go", not "Search": the box alone answers to that name. */}
      <button type="submit" className="rounded bg-accent px-2 py-1.5 text-white" aria-label="Go">
        <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="m13 13 4.5 4.5" strokeLinecap="round" />
        </svg>
      </button>
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!expanded}
        className="absolute right-0 top-full z-40 mt-1 max-h-96 w-80 overflow-y-auto rounded border border-rule bg-white py-1 shadow-lg sm:w-96"
      >
        {suggestions.map((suggestion, index) => (
          <li
            key={`${suggestion.kind}-${suggestion.href}`}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            // Keeps focus in the box, so the click lands before the list closes on blur.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => go(suggestion)}
            className={`flex cursor-pointer items-baseline gap-2 px-3 py-2 ${index === active ? "bg-accent text-white" : "hover:bg-gray-100"}`}
          >
            <span className={`shrink-0 text-xs uppercase tracking-wide ${index === active ? "text-white" : "text-muted"}`}>{KIND_LABELS[suggestion.kind]}</span>{" "}
            <span>{suggestion.label}</span>
          </li>
        ))}
      </ul>
      <p aria-live="polite" className="sr-only">
        {expanded ? `${suggestions.length} suggestions; use the arrow keys to choose.` : ""}
      </p>
    </form>
  );
}
