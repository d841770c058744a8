import type { Metadata } from "next";
import { SignupForm } from "@/components/public/signup-form";
import { env } from "@/lib/env";
import { getSignupTopics } from "@/lib/subscribers/topics";

export const metadata: Metadata = {
  title: "Subscribe",
  description: `Register to receive updates from ${env.SITE_NAME} on the topics you follow.`,
  alternates: { canonical: "/subscribe" },
};

export default async function SubscribePage() {
  const topics = await getSignupTopics();
  return (
    <section aria-labelledby="subscribe-heading" className="max-w-2xl">
      <h1 id="subscribe-heading" className="font-serif text-3xl font-bold">
        Subscribe
      </h1>
      <p className="mt-3 text-muted">
        Stay informed: register to receive our research and commentary by email, on the topics you choose. We will send you an email to
        confirm your address first.
      </p>
      <SignupForm topics={topics} siteName={env.SITE_NAME} labelledBy="subscribe-heading" />
    </section>
  );
}
