import Link from "next/link";
import { SignupConfirmForm } from "@/components/public/signup-confirm-form";
import { env } from "@/lib/env";
import { inspectConfirmation } from "@/lib/subscribers/confirm";
import { tokenFrom, tokenPageMetadata, type TokenPageProps } from "@/lib/subscribers/page-params";

export const metadata = tokenPageMetadata("Confirm your subscription");

/** Opening the link only shows this page (mail scanners prefetch links); the button confirms. */
export default async function ConfirmSubscriptionPage(props: TokenPageProps) {
  const token = await tokenFrom(props);
  const check = await inspectConfirmation(token);
  return (
    <section aria-labelledby="confirm-heading" className="max-w-2xl">
      <h1 id="confirm-heading" className="font-serif text-3xl font-bold">
        Confirm your subscription
      </h1>
      {check.state === "ready" || check.state === "used" ? (
        <SignupConfirmForm
          token={token}
          email={check.state === "ready" ? check.email : ""}
          siteName={env.SITE_NAME}
          alreadyConfirmedMessage={check.state === "used" ? check.message : undefined}
        />
      ) : (
        <>
          <p className="mt-4">{check.message}</p>
          <p className="mt-4">
            <Link href="/subscribe" className="text-accent underline">
              Sign up again
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
