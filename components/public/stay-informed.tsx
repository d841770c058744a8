import type { ReactNode } from "react";

export const STAY_INFORMED_HEADING_ID = "signup-box-heading";

/** "Stay Informed — register to receive updates": the frame of the mailing-list box on public pages. */
export function StayInformed({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby={STAY_INFORMED_HEADING_ID} className="rounded border border-rule bg-gray-50 p-5">
      <h2 id={STAY_INFORMED_HEADING_ID} className="font-serif text-xl font-bold">
        Stay Informed
      </h2>
      <p className="mt-1 text-sm text-muted">Register to receive updates</p>
      {children}
    </section>
  );
}
