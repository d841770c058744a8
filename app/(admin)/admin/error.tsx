"use client";

/** Shown inside the admin shell when a staff page fails or the role does not allow it; no details leak. */
export default function AdminError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section aria-labelledby="admin-error-title" className="py-12">
      <h1 id="admin-error-title" className="text-2xl font-bold">
        This page could not be shown
      </h1>
      <p className="mt-4 text-muted">
        Something went wrong, or your role does not allow this page. Try again, or ask an administrator.
      </p>
      <button type="button" onClick={reset} className="mt-6 rounded bg-accent px-4 py-2 text-white">
        Try again
      </button>
    </section>
  );
}
