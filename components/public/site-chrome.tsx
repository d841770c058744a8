import Link from "next/link";
import type { ReactNode } from "react";
import { env } from "@/lib/env";

/** Header, footer and skip link shared by every public page (and the 404 page). */
export function SiteChrome({ children }: { children: ReactNode }) {
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-rule">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
          <Link href="/" className="font-serif text-2xl font-bold text-ink no-underline">
            {env.SITE_NAME}
          </Link>
          <nav aria-label="Main">
            <ul className="flex gap-4 text-sm">
              <li>
                <Link href="/" className="text-accent underline-offset-4 hover:underline">
                  Latest
                </Link>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
      <footer className="mt-12 border-t border-rule">
        <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-muted">
          © {new Date().getFullYear()} {env.SITE_NAME}
        </div>
      </footer>
    </>
  );
}
