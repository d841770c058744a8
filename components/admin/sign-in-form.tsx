"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { TextField } from "@/components/ui/text-field";
import { safeCallbackPath } from "@/lib/auth/callback-url";

const INCORRECT = "Email or password is incorrect";
const KNOWN_MESSAGES = new Set([INCORRECT, "Too many sign-in attempts. Wait a few minutes, then try again."]);

/** Staff sign-in; errors are announced in a live region and focus returns to the email field. */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }
    setPending(true);
    setError("");
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.ok && !result.error) {
        // Checked again here: whatever the page was given, the browser stays on this site.
        router.replace(safeCallbackPath(callbackUrl));
        router.refresh();
        return;
      }
      setError(result?.error && KNOWN_MESSAGES.has(result.error) ? result.error : INCORRECT);
      emailRef.current?.focus();
    } catch {
      setError("Signing in failed. Check your connection and try again.");
    }
    setPending(false);
  }

  const describedBy = error ? errorId : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={describedBy}>
      <div
        role="alert"
        aria-live="assertive"
        id={errorId}
        className={error ? "rounded border border-red-700 bg-red-50 px-3 py-2 text-red-800" : "sr-only"}
      >
        {error}
      </div>
      <TextField
        ref={emailRef}
        id="email"
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        autoFocus
        invalid={Boolean(error)}
      />
      <TextField
        id="password"
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        invalid={Boolean(error)}
      />
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="rounded bg-accent px-4 py-2 font-semibold text-white disabled:opacity-70"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
