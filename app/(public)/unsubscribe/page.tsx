import Link from "next/link";
import { SignupUnsubscribeForm } from "@/components/public/signup-unsubscribe-form";
import { env } from "@/lib/env";
import { inspectUnsubscribe } from "@/lib/subscribers/manage";
import { tokenFrom, tokenPageMetadata, type TokenPageProps } from "@/lib/subscribers/page-params";

export const metadata = tokenPageMetadata("Unsubscribe");

/** Opening the link only shows this page; the "Unsubscribe" button (a POST) unsubscribes. */
export default async function UnsubscribePage(props: TokenPageProps) {
  const token = await tokenFrom(props);
  const view = await inspectUnsubscribe(token);
  return (
    <section aria-labelledby="unsubscribe-heading" className="max-w-2xl">
      <h1 id="unsubscribe-heading" className="font-serif text-3xl font-bold">
        Unsubscribe
      </h1>
      {view.ok ? (
        <div className="mt-4">
          <SignupUnsubscribeForm
            token={token}
            email={view.email}
            siteName={env.SITE_NAME}
            alreadyUnsubscribedMessage={
              view.unsubscribed ? `${view.email} is unsubscribed and receives no emails from us.` : undefined
            }
          />
          <p className="mt-6 text-sm">
            {view.unsubscribed ? "Changed your mind? " : "Or "}
            <Link
              href={view.unsubscribed ? "/subscribe" : `/subscribe/preferences?token=${encodeURIComponent(token)}`}
              className="text-accent underline"
            >
              {view.unsubscribed ? "Subscribe again" : "change which emails you receive"}
            </Link>
            {view.unsubscribed ? "" : "."}
          </p>
        </div>
      ) : (
        <p className="mt-4">{view.message}</p>
      )}
    </section>
  );
}
