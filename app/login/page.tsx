import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/admin/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in", robots: { index: false, follow: false } };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <p className="font-serif text-xl font-bold">{env.SITE_NAME}</p>
      <h1 className="mt-2 mb-6 text-2xl font-bold">Staff sign in</h1>
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm">
        <Link href="/login/forgot" className="text-accent underline">
          Forgot your password?
        </Link>
      </p>
    </main>
  );
}
