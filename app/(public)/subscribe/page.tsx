import type { Metadata } from "next";
import { FormMessage } from "@/components/public/signup-fields";
import { SignupForm } from "@/components/public/signup-form";
import { env } from "@/lib/env";
import { SIGNUP_THANKS } from "@/lib/subscribers/signup";
import { subscribePageQuerySchema } from "@/lib/subscribers/signup-redirect";
import { getSignupTopics } from "@/lib/data/taxonomy";
import type { SignupFormState } from "@/lib/validations/subscriber-forms";

export const metadata: Metadata = {
  title: "Subscribe",
  description: `Register to receive updates from ${env.SITE_NAME} on the topics you follow.`,
  alternates: { canonical: "/subscribe" },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The signup page; also where a signup box posted without JavaScript lands (lib/subscribers/signup-redirect.ts). */
export default async function SubscribePage({ searchParams }: Props) {
  const query = subscribePageQuerySchema.parse(await searchParams);
  const topics = await getSignupTopics();
  const retry: SignupFormState | undefined =
    query.signup === "retry"
      ? {
          status: "error",
          message: "Your signup did not go through. Please check the form and send it again.",
          fieldErrors: {},
          values: { email: query.email ?? "", firstName: "", lastName: "", topics: topics.map((topic) => topic.slug) },
        }
      : undefined;
  return (
    <section aria-labelledby="subscribe-heading" className="max-w-2xl">
      <h1 id="subscribe-heading" className="font-serif text-3xl font-bold">
        Subscribe
      </h1>
      <p className="mt-3 text-muted">
        Stay informed: register to receive our research and commentary by email, on the topics you choose. We will send
        you an email to confirm your address first.
      </p>
      {query.signup === "sent" ? (
        <div className="mt-3">
          <FormMessage tone="success">{SIGNUP_THANKS}</FormMessage>
        </div>
      ) : (
        <SignupForm topics={topics} siteName={env.SITE_NAME} labelledBy="subscribe-heading" initialState={retry} />
      )}
    </section>
  );
}
