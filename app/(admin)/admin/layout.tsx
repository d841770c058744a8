import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { Forbidden } from "@/components/admin/forbidden";
import { can, type Permission } from "@/lib/auth/permissions";
import { authorize, loginUrl } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = {
  title: { default: "Admin", template: `%s | Admin | ${env.SITE_NAME}` },
  robots: { index: false, follow: false },
};

/** Each section, shown to the roles that may use it (lib/auth/permissions.ts). */
const NAVIGATION: { href: string; label: string; permission: Permission }[] = [
  { href: "/admin", label: "Dashboard", permission: "content.write" },
  { href: "/admin/publications", label: "Publications", permission: "content.write" },
  { href: "/admin/media", label: "Media", permission: "content.write" },
  { href: "/admin/authors", label: "Authors", permission: "taxonomy.manage" },
  { href: "/admin/categories", label: "Categories", permission: "taxonomy.manage" },
  { href: "/admin/series", label: "Series", permission: "taxonomy.manage" },
  { href: "/admin/subscribers", label: "Subscribers", permission: "subscribers.manage" },
  { href: "/admin/digests", label: "Digests", permission: "subscribers.manage" },
  { href: "/admin/events", label: "Registrations", permission: "events.manage" },
  { href: "/admin/outbox", label: "Outbox", permission: "outbox.read" },
  { href: "/admin/search", label: "Search", permission: "search.insights" },
  { href: "/admin/users", label: "Users", permission: "users.manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit.read" },
  { href: "/admin/export", label: "Export", permission: "site.export" },
  { href: "/admin/import", label: "Import", permission: "import.manage" },
];

/**
 * Every staff page: checked on the server here, and again by each page and action itself.
 * Someone who must first set up a second factor sees no sections: every page but their
 * account page sends them there (lib/auth/session.ts).
 * The section links do not prefetch: every staff page is rendered per request, so a
 * prefetch brings back little more than the route's outline, yet it costs the server a
 * request per link (two, in Next.js 16) on every page a member of staff opens.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const access = await authorize("account.manage");
  if (!access.ok && access.status === 401) redirect(loginUrl("/admin"));
  if (!access.ok) return <Forbidden />;
  const { user } = access;
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-rule bg-gray-50">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div className="flex flex-wrap items-center gap-6">
            <Link href="/admin" prefetch={false} className="font-serif text-lg font-bold text-ink no-underline">
              {env.SITE_NAME} admin
            </Link>
            <nav aria-label="Admin">
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                {NAVIGATION.filter((item) => !user.mustEnrolSecondFactor && can(user.role, item.permission)).map(
                  (item) => (
                    <li key={item.href}>
                      <Link
                        href={item.href}
                        prefetch={false}
                        className="text-accent underline-offset-4 hover:underline"
                      >
                        {item.label}
                      </Link>
                    </li>
                  ),
                )}
              </ul>
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span>
              Signed in as <strong>{user.name || user.email}</strong>
              {user.name ? <span className="text-muted"> ({user.email})</span> : null}
            </span>
            <Link href="/admin/account" prefetch={false} className="text-accent underline-offset-4 hover:underline">
              Your account
            </Link>
            <SignOutButton />
            <SignOutButton everywhere />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
