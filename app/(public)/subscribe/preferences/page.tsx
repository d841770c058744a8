import Link from "next/link";
import { SignupPreferencesForm } from "@/components/public/signup-preferences-form";
import { loadPreferences } from "@/lib/subscribers/manage";
import { tokenFrom, tokenPageMetadata, type TokenPageProps } from "@/lib/subscribers/page-params";
import { getSignupTopics } from "@/lib/data/taxonomy";

export const metadata = tokenPageMetadata("Your email preferences");

export default async function PreferencesPage(props: TokenPageProps) {
  const token = await tokenFrom(props);
  const [preferences, topics] = await Promise.all([loadPreferences(token), getSignupTopics()]);
  return (
    <section aria-labelledby="preferences-heading" className="max-w-2xl">
      <h1 id="preferences-heading" className="font-serif text-3xl font-bold">
        Your email preferences
      </h1>
      {!preferences.ok ? (
        <p className="mt-4">{preferences.message}</p>
      ) : preferences.status === "UNSUBSCRIBED" ? (
        <>
          <p className="mt-4">
            <strong>{preferences.email}</strong> is unsubscribed and receives no emails from us.
          </p>
          <p className="mt-4">
            <Link href="/subscribe" className="text-accent underline">
              Subscribe again
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mt-4">
            For <strong>{preferences.email}</strong>
            {preferences.status === "PENDING" &&
              " (not confirmed yet: use the link in our confirmation email to start receiving updates)"}
            .
          </p>
          <SignupPreferencesForm token={token} topics={topics} current={preferences} />
        </>
      )}
    </section>
  );
}
