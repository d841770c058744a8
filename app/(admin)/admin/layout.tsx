import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { Forbidden } from "@/components/admin/forbidden";
import { checkRole, loginUrl } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: { default: "Admin", template: `%s | Admin | ${env.SITE_NAME}` }, robots: { index: false, follow: false } };

const NAVIGATION = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/publications", label: "Publications" },
];

/** Every staff page: checked on the server here, and again by each page and action itself. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const check = await checkRole();
  if (check.status === "anonymous") redirect(loginUrl("/admin"));
  if (check.status === "forbidden") return <Forbidden />;
  const { user } = check;
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-rule bg-gray-50">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div className="flex flex-wrap items-center gap-6">
            <Link href="/admin" className="font-serif text-lg font-bold text-ink no-underline">
              {env.SITE_NAME} admin
            </Link>
            <nav aria-label="Admin">
              <ul className="flex gap-4 text-sm">
                {NAVIGATION.map((item) => (
                  <li key={item.href}>
                    <Link href={item.href} className="text-accent underline-offset-4 hover:underline">
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span>
              Signed in as <strong>{user.name || user.email}</strong>
              {user.name ? <span className="text-muted"> ({user.email})</span> : null}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
