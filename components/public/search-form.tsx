import { useId, type Ref } from "react";

const MAX_QUERY_LENGTH = 256;

/**
 * The header's search form as HTML: a plain GET to /search that works without JavaScript.
 * Suggestions as you type come from attachSearchCombobox (components/enhancements/search-combobox.ts),
 * attached by SearchBox on React pages and by the inline script on pages without React.
 */
export function SearchForm({ initialQuery = "", ref }: { initialQuery?: string; ref?: Ref<HTMLFormElement> }) {
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-suggestions`;
  return (
    <form
      ref={ref}
      role="search"
      action="/search"
      method="get"
      data-search-combobox=""
      className="relative flex items-center gap-2 text-sm"
    >
      <label htmlFor={inputId} className="font-semibold">
        Search
      </label>
      <input
        id={inputId}
        type="search"
        name="q"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={false}
        aria-controls={listId}
        autoComplete="off"
        maxLength={MAX_QUERY_LENGTH}
        placeholder="All site content"
        defaultValue={initialQuery}
        className="w-44 rounded border border-gray-500 px-2 py-1.5 sm:w-60"
      />
      {/* Named "Go", not "Search": the box alone answers to that name. */}
      <button type="submit" className="rounded bg-accent px-2 py-1.5 text-white" aria-label="Go">
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          width="16"
          height="16"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="m13 13 4.5 4.5" strokeLinecap="round" />
        </svg>
      </button>
      {/* Filled by the enhancement; React never renders children here, so it never fights it. */}
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden
        className="absolute right-0 top-full z-40 mt-1 max-h-96 w-80 overflow-y-auto rounded border border-rule bg-white py-1 shadow-lg sm:w-96"
      />
      <p aria-live="polite" className="sr-only" data-search-status="" />
    </form>
  );
}
