import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Reset your password", robots: { index: false, follow: false } };

export default function ForgotPasswordPage() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <p className="font-serif text-xl font-bold">{env.SITE_NAME}</p>
      <h1 className="mt-2 mb-2 text-2xl font-bold">Reset your password</h1>
      <p className="mb-6 text-muted">Enter the email of your staff account. We will send it a link to choose a new password.</p>
      <ForgotPasswordForm />
      <p className="mt-6 text-sm">
        <Link href="/login" className="text-accent underline">
          Back to sign in
        </Link>
      </p>
    </main>
  );
}
