import type { ReactNode } from "react";
import { env } from "@/lib/env";

/** The narrow page around the sign-in, forgot-password and set-password forms. */
export function AuthPage({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <p className="font-serif text-xl font-bold">{env.SITE_NAME}</p>
      <h1 className={`mt-2 text-2xl font-bold ${lead ? "mb-2" : "mb-6"}`}>{title}</h1>
      {lead && <p className="mb-6 text-muted">{lead}</p>}
      {children}
    </main>
  );
}
