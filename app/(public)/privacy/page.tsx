import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/lib/env";
import { CONSENT_VERSION } from "@/lib/subscribers/consent";

export const metadata: Metadata = { title: "Privacy notice", alternates: { canonical: "/privacy" } };

/** The short privacy notice the signup consent links to. */
export default function PrivacyPage() {
  return (
    <article aria-labelledby="privacy-heading" className="prose-body max-w-2xl">
      <h1 id="privacy-heading" className="mb-6 font-serif text-3xl font-bold">
        Privacy notice
      </h1>
      <p>
        This notice explains what {env.SITE_NAME} does with the personal data you give us when you subscribe to our
        email updates.
      </p>

      <h2>What we keep</h2>
      <ul>
        <li>Your email address and, if you give them, your first and last name.</li>
        <li>The topics you follow and how often you want to hear from us.</li>
        <li>
          A record of your consent: when you subscribed and confirmed, the IP address the request came from, and which
          version of the signup wording you agreed to.
        </li>
      </ul>

      <h2>Why</h2>
      <p>
        Only to send you the updates you asked for, with your consent, and to be able to show that you gave it. We send
        nothing until you confirm your address with the link in our first email. We do not sell or share your data; the
        service that delivers our email processes it on our behalf.
      </p>

      <h2>Your choices</h2>
      <p>
        Every email has a link to change your topics and frequency, and a link to unsubscribe at once. When you
        unsubscribe we stop all emails and keep only what we need to respect that choice and to show the consent record,
        unless you ask us to erase it. You may also ask us for a copy of your data.
      </p>

      <h2>How long</h2>
      <p>
        While you are subscribed, and afterwards only the record that you unsubscribed and gave consent, until you ask
        us to erase it.
      </p>

      <p className="mt-8 text-sm text-muted">
        Signup wording version {CONSENT_VERSION}.{" "}
        <Link href="/subscribe" className="underline">
          Subscribe to our updates
        </Link>
      </p>
    </article>
  );
}
