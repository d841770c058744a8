import type { ReactNode } from "react";
import { pluralize } from "@/lib/format/numbers";

/** Heading, description, count and feed links of a category, author or series page. */
export function ListingHeader({
  kicker,
  title,
  description,
  total,
  feedBase,
  children,
}: {
  kicker: string;
  title: string;
  description: string;
  total: number;
  feedBase: string;
  children?: ReactNode;
}) {
  return (
    <header>
      <p className="text-xs font-semibold uppercase tracking-wide text-muted">{kicker}</p>
      <h1 className="mt-1 font-serif text-3xl font-bold">{title}</h1>
      {children}
      {description && <p className="mt-4 max-w-prose leading-relaxed">{description}</p>}
      <p className="mt-3 text-sm text-muted">
        {pluralize(total, "publication")} · Follow:{" "}
        <a href={`${feedBase}/feed.xml`} className="text-accent underline">
          RSS
        </a>{" "}
        ·{" "}
        <a href={`${feedBase}/atom.xml`} className="text-accent underline">
          Atom
        </a>{" "}
        ·{" "}
        <a href={`${feedBase}/feed.json`} className="text-accent underline">
          JSON Feed
        </a>
      </p>
    </header>
  );
}
