import { env } from "@/lib/env";
import { getSignupTopics } from "@/lib/subscribers/topics";
import { SignupForm } from "./signup-form";

/** "Stay Informed — register to receive updates": the mailing-list box on public pages. */
export async function SignupBox({ headingId = "signup-box-heading" }: { headingId?: string }) {
  const topics = await getSignupTopics();
  return (
    <section aria-labelledby={headingId} className="rounded border border-rule bg-gray-50 p-5">
      <h2 id={headingId} className="font-serif text-xl font-bold">
        Stay Informed
      </h2>
      <p className="mt-1 text-sm text-muted">Register to receive updates</p>
      <SignupForm topics={topics} siteName={env.SITE_NAME} labelledBy={headingId} />
    </section>
  );
}
