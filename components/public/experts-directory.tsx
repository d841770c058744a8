import Link from "next/link";
import { ExpertCard } from "@/components/public/expert-card";
import type { DirectoryTerm, ExpertDirectory } from "@/lib/data/experts";
import { pluralize } from "@/lib/format/numbers";
import { EXPERT_NAME_QUERY_MAX } from "@/lib/validations/experts";

/** "12 experts on North Korea who speak Korean, matching “kim”": what the list shows, in words. */
export function describeResults(directory: ExpertDirectory): string {
  const { query } = directory;
  return [
    pluralize(directory.experts.length, "expert"),
    query.topicName && `on ${query.topicName}`,
    query.languageName && `who speak ${query.languageName}`,
    query.q && `matching “${query.q}”`,
  ]
    .filter(Boolean)
    .join(" ");
}

const controlClass =
  "mt-1 block w-full rounded border border-gray-500 bg-white px-3 py-2 text-base text-ink focus-visible:border-accent";

function FilterSelect({
  name,
  label,
  allLabel,
  options,
  value,
}: {
  name: string;
  label: string;
  allLabel: string;
  options: DirectoryTerm[];
  value: string | undefined;
}) {
  const id = `experts-${name}`;
  return (
    <div>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={controlClass}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.slug} value={option.slug}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The experts directory: a GET form (works without JavaScript; every filter a labelled form
 * control), the count of what it found (a live region, and in the page title, so screen
 * readers hear it after each search), and the people.
 */
export function ExpertsDirectory({ directory }: { directory: ExpertDirectory }) {
  const { query } = directory;
  const filtered = Boolean(query.topic || query.language || query.q);
  return (
    <>
      <header className="max-w-3xl">
        <p className="text-xs font-semibold uppercase tracking-widest text-muted">Directory</p>
        <h1 className="mt-1 font-serif text-4xl font-bold leading-tight">Experts</h1>
        <p className="mt-3 text-lg leading-relaxed text-muted">
          The institute&apos;s fellows and staff: find someone by topic, language or name. Those available for media
          list whom journalists should contact.
        </p>
      </header>

      <form
        method="get"
        action="/experts"
        role="search"
        aria-label="Find experts"
        className="mt-8 grid gap-4 rounded border border-rule bg-gray-50 p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_auto] lg:items-end"
      >
        <FilterSelect name="topic" label="Topic" allLabel="All topics" options={directory.topics} value={query.topic} />
        <FilterSelect
          name="language"
          label="Language"
          allLabel="All languages"
          options={directory.languages}
          value={query.language}
        />
        <div>
          <label htmlFor="experts-q" className="text-sm font-semibold">
            Name
          </label>
          <input
            id="experts-q"
            type="search"
            name="q"
            defaultValue={query.q ?? ""}
            maxLength={EXPERT_NAME_QUERY_MAX}
            autoComplete="off"
            className={controlClass}
          />
        </div>
        <button
          type="submit"
          className="rounded bg-accent px-5 py-2 font-semibold text-white sm:col-span-2 lg:col-span-1"
        >
          Show experts
        </button>
      </form>

      <div className="mt-6 flex flex-wrap items-baseline justify-between gap-2 border-b border-rule pb-3">
        <p id="experts-count" role="status" className="font-semibold">
          {describeResults(directory)}
        </p>
        {filtered && (
          <Link href="/experts" className="text-sm text-accent underline">
            Show all experts
          </Link>
        )}
      </div>

      {directory.experts.length > 0 ? (
        <ul aria-labelledby="experts-count" className="mt-6 grid gap-x-10 gap-y-8 md:grid-cols-2">
          {directory.experts.map((expert) => (
            <li key={expert.slug}>
              <ExpertCard expert={expert} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-6 text-muted">No one matches. Try another topic or language, or fewer letters of the name.</p>
      )}
    </>
  );
}
