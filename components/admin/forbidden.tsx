import Link from "next/link";

/** Shown to a signed-in user whose role does not allow the page (HTTP semantics: 403). */
export function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold">You do not have access to this page</h1>
      <p className="mt-4">Your account&apos;s role does not allow this. Ask an administrator if you need access.</p>
      <p className="mt-4">
        <Link href="/" className="text-accent underline">
          Back to the site
        </Link>
      </p>
    </main>
  );
}
