import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { AuthPage } from "@/components/auth/auth-page";

export const metadata: Metadata = { title: "Reset your password", robots: { index: false, follow: false } };

export default function ForgotPasswordPage() {
  return (
    <AuthPage
      title="Reset your password"
      lead="Enter the email of your staff account. We will send it a link to choose a new password."
    >
      <ForgotPasswordForm />
      <p className="mt-6 text-sm">
        <Link href="/login" className="text-accent underline">
          Back to sign in
        </Link>
      </p>
    </AuthPage>
  );
}
