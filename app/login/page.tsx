import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/admin/sign-in-form";
import { AuthPage } from "@/components/auth/auth-page";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in", robots: { index: false, follow: false } };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <AuthPage title="Staff sign in">
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm">
        <Link href="/login/forgot" className="text-accent underline">
          Forgot your password?
        </Link>
      </p>
    </AuthPage>
  );
}
