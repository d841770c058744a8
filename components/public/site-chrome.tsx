import Link from "next/link";
import type { ReactNode } from "react";
import { env } from "@/lib/env";

type NavigationItem = { href: string; label: string };

/** The main navigation: the archive, the featured series (chosen by staff) and events. */
function navigation(featuredSeries: FeaturedSeries | null | undefined): NavigationItem[] {
  return [
    { href: "/publications", label: "Publications" },
    ...(featuredSeries ? [{ href: `/series/${featuredSeries.slug}`, label: featuredSeries.name }] : []),
    { href: "/events", label: "Events" },
  ];
}

/** The footer's way into the site beyond the archive: people, topics, series and events. */
const BROWSE: NavigationItem[] = [
  { href: "/experts", label: "Experts" },
  { href: "/categories", label: "Topics" },
  { href: "/series", label: "Series" },
  { href: "/events", label: "Events" },
];

export type FeaturedSeries = { slug: string; name: string };

type Props = {
  children: ReactNode;
  /** The header's search box: SearchBox on React pages, SearchForm on pages without React. */
  searchBox: ReactNode;
  /** The "Stay Informed" box: SignupBox on React pages, SignupPostBox on pages without React. */
  signupBox: ReactNode;
  /** The series staff feature (a flag on the series), linked from the main navigation. */
  featuredSeries?: FeaturedSeries | null;
};

/** Header, footer and skip link shared by every public page (and the 404 page). */
export function SiteChrome({ children, searchBox, signupBox, featuredSeries }: Props) {
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="site-header border-b border-rule">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
          <Link href="/" className="font-serif text-2xl font-bold text-ink no-underline">
            {env.SITE_NAME}
          </Link>
          {searchBox}
          <nav aria-label="Main">
            <ul className="flex flex-wrap gap-4 text-sm">
              {navigation(featuredSeries).map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="text-accent underline-offset-4 hover:underline">
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
      <div className="signup mx-auto max-w-5xl px-4">{signupBox}</div>
      <footer className="site-footer mt-12 border-t border-rule">
        <div className="mx-auto flex max-w-5xl flex-wrap justify-between gap-4 px-4 py-6 text-sm text-muted">
          <nav aria-label="Browse" className="w-full">
            <ul className="flex flex-wrap gap-x-6 gap-y-2">
              {BROWSE.map((item) => (
                <li key={item.href}>
                  <a href={item.href} className="font-semibold text-ink underline-offset-4 hover:underline">
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <span>© {env.SITE_NAME}</span>
          <span>
            <a href="/feed.xml" className="underline">
              RSS
            </a>{" "}
            ·{" "}
            <a href="/atom.xml" className="underline">
              Atom
            </a>{" "}
            ·{" "}
            <a href="/feed.json" className="underline">
              JSON Feed
            </a>
          </span>
        </div>
      </footer>
    </>
  );
}
