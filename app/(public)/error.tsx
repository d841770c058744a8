"use client";

/** Shown inside the site's layout when a public page fails; no details reach the reader. */
export default function PublicError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section aria-labelledby="error-title" className="py-12">
      <h1 id="error-title" className="font-serif text-3xl font-bold">
        Something went wrong
      </h1>
      <p className="mt-4 text-muted">This page could not be shown just now. Please try again in a moment.</p>
      <button type="button" onClick={reset} className="mt-6 rounded bg-accent px-4 py-2 text-white">
        Try again
      </button>
    </section>
  );
}
