import Link from "next/link";
import { TextField } from "@/components/ui/text-field";
import type { ArchiveFilterOptions } from "@/lib/data/taxonomy";
import { archiveHref, FILTER_KEYS, type ArchiveFilters } from "@/lib/validations/archive";

const LABELS = { type: "Type", category: "Topic", author: "Author", series: "Series", year: "Year" } as const;

/** A plain GET form (works without JavaScript); the current filters show as removable chips. */
export function ArchiveFilterForm({ filters, options }: { filters: ArchiveFilters; options: ArchiveFilterOptions }) {
  const choices = {
    type: options.types,
    category: options.categories,
    author: options.authors,
    series: options.series,
    year: options.years.map((year) => ({ slug: String(year), name: String(year) })),
  };
  return (
    <form
      action="/publications"
      method="get"
      className="grid gap-3 rounded border border-rule p-4 sm:grid-cols-3 lg:grid-cols-6"
      aria-label="Filter publications"
    >
      {FILTER_KEYS.map((key) => (
        <TextField
          key={key}
          as="select"
          size="sm"
          id={`filter-${key}`}
          name={key}
          label={LABELS[key]}
          defaultValue={filters[key] === undefined ? "" : String(filters[key])}
        >
          <option value="">All</option>
          {choices[key].map((choice) => (
            <option key={choice.slug} value={choice.slug}>
              {choice.name}
            </option>
          ))}
        </TextField>
      ))}
      <div className="flex items-end">
        <button type="submit" className="w-full rounded bg-accent px-4 py-1.5 font-semibold text-white">
          Apply filters
        </button>
      </div>
    </form>
  );
}

export function ActiveFilterChips({ filters, options }: { filters: ArchiveFilters; options: ArchiveFilterOptions }) {
  const nameOf = (key: (typeof FILTER_KEYS)[number], value: string | number) => {
    const list = {
      type: options.types,
      category: options.categories,
      author: options.authors,
      series: options.series,
      year: [],
    }[key];
    return list.find((item) => item.slug === String(value))?.name ?? String(value);
  };
  const active = FILTER_KEYS.filter((key) => filters[key] !== undefined);
  if (active.length === 0) return null;
  return (
    <ul aria-label="Active filters" className="mt-4 flex flex-wrap gap-2">
      {active.map((key) => {
        const rest = { ...filters, [key]: undefined };
        return (
          <li key={key}>
            <Link
              href={archiveHref(rest)}
              className="inline-flex items-center gap-2 rounded-full border border-accent px-3 py-1 text-sm text-accent hover:bg-blue-50"
            >
              {/* Named by its text rather than aria-label, so "Type" etc. label only the form's fields. */}
              <span className="sr-only">Remove filter </span>
              {LABELS[key]}: {nameOf(key, filters[key]!)} <span aria-hidden="true">×</span>
            </Link>
          </li>
        );
      })}
      {active.length > 1 && (
        <li>
          <Link href="/publications" className="inline-flex px-3 py-1 text-sm underline">
            Clear all
          </Link>
        </li>
      )}
    </ul>
  );
}
