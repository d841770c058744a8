"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { TextField } from "@/components/ui/text-field";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import {
  INVALID_CODE_MESSAGE,
  INVALID_CREDENTIALS_MESSAGE,
  RATE_LIMITED_MESSAGE,
  SECOND_FACTOR_REQUIRED_MESSAGE,
  SIGN_IN_EXPIRED_MESSAGE,
} from "@/lib/auth/sign-in-messages";

const KNOWN_MESSAGES = new Set([INVALID_CREDENTIALS_MESSAGE, RATE_LIMITED_MESSAGE, INVALID_CODE_MESSAGE]);

const buttonClass = "rounded bg-accent px-4 py-2 font-semibold text-white disabled:opacity-70";

/**
 * Staff sign-in, in one or two steps: the email and password, then, for an account with a
 * second factor, the code (the server holds the half-done sign-in in a cookie: no session
 * exists until the code is right). Errors are announced in a live region and focus
 * returns to the field to correct.
 */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [step, setStep] = useState<"password" | "code">("password");
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => {
    if (step === "code") codeRef.current?.focus();
  }, [step]);

  /** Sends one step; true when signed in. */
  async function send(fields: Record<string, string>): Promise<boolean> {
    setPending(true);
    setError("");
    try {
      const result = await signIn("credentials", { ...fields, redirect: false });
      if (result?.ok && !result.error) {
        // Checked again here: whatever the page was given, the browser stays on this site.
        router.replace(safeCallbackPath(callbackUrl));
        router.refresh();
        return true;
      }
      const message = result?.error ?? "";
      if (message === SECOND_FACTOR_REQUIRED_MESSAGE) setStep("code");
      else if (message === SIGN_IN_EXPIRED_MESSAGE) {
        setStep("password");
        setError(message);
      } else {
        const fallback = step === "code" ? INVALID_CODE_MESSAGE : INVALID_CREDENTIALS_MESSAGE;
        setError(KNOWN_MESSAGES.has(message) ? message : fallback);
        (step === "code" ? codeRef : emailRef).current?.focus();
      }
    } catch {
      setError("Signing in failed. Check your connection and try again.");
    }
    setPending(false);
    return false;
  }

  async function onPasswordSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }
    await send({ email, password });
  }

  async function onCodeSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!code) {
      setError("Enter the code from your authenticator app, or a recovery code.");
      codeRef.current?.focus();
      return;
    }
    await send({ code });
  }

  const alert = (
    <div
      role="alert"
      aria-live="assertive"
      id={errorId}
      className={error ? "rounded border border-red-700 bg-red-50 px-3 py-2 text-red-800" : "sr-only"}
    >
      {error}
    </div>
  );
  const describedBy = error ? errorId : undefined;

  if (step === "code") {
    return (
      <form onSubmit={onCodeSubmit} noValidate className="space-y-4" aria-describedby={describedBy}>
        {alert}
        <p>{SECOND_FACTOR_REQUIRED_MESSAGE}</p>
        <TextField
          ref={codeRef}
          id="code"
          name="code"
          label="Authentication code"
          hint="The six-digit code your app shows now, or one of your recovery codes."
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          required
          maxLength={64}
          invalid={Boolean(error)}
        />
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass}>
            {pending ? "Verifying…" : "Verify"}
          </button>
          <button
            type="button"
            className="text-accent underline"
            onClick={() => {
              setError("");
              setStep("password");
            }}
          >
            Start again
          </button>
        </div>
      </form>
    );
  }

  return (
    <form onSubmit={onPasswordSubmit} noValidate className="space-y-4" aria-describedby={describedBy}>
      {alert}
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
      <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
