import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { checkPasswordLink, INVALID_LINK_MESSAGE } from "@/lib/auth/password-links";
import { db } from "@/lib/db";
import { AuthPage } from "@/components/auth/auth-page";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/user";

export const metadata: Metadata = {
  title: "Set your password",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where reset and invitation links lead. Looking at it changes nothing; the form POSTs. */
export default async function SetPasswordPage({ searchParams }: Props) {
  const raw = (await searchParams).token;
  const token = Array.isArray(raw) ? raw[0] : raw;
  const link = await checkPasswordLink(db, token);
  return (
    <AuthPage
      title={link.valid && link.purpose === "invite" ? "Welcome: set your password" : "Choose a new password"}
      lead={
        link.valid ? (
          <>
            For the staff account <strong>{link.email}</strong>.
          </>
        ) : undefined
      }
    >
      {link.valid ? (
        <SetPasswordForm token={token!} email={link.email} minLength={MIN_PASSWORD_LENGTH} />
      ) : (
        <>
          <p role="alert" className="mb-6 rounded border border-red-700 bg-red-50 p-3 text-red-900">
            {INVALID_LINK_MESSAGE}
          </p>
          <p>
            <Link href="/login/forgot" className="text-accent underline">
              Send a new reset link
            </Link>
          </p>
        </>
      )}
    </AuthPage>
  );
}
