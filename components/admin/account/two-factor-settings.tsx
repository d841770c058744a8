"use client";

import { useActionState, useId } from "react";
import { ActionMessage, fieldError, SubmitButton } from "@/components/admin/form-controls";
import { useFormAction } from "@/components/admin/use-form-action";
import { TextField } from "@/components/ui/text-field";
import {
  confirmTwoFactorSetupAction,
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startTwoFactorSetupAction,
} from "@/lib/actions/account/two-factor";
import type { Result } from "@/lib/result";

type Props = {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  /** A set-up awaiting its first code: the secret, its otpauth:// address and a QR code of it (a data: URL). */
  setup: { secret: string; uri: string; qrCode: string | null } | null;
  /** False while an admin requires a second factor of this person's role. */
  canTurnOff: boolean;
};

/** The secret in groups of four, easier to type into an app by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * The second factor on one's account page. One component for every state, so that the
 * recovery codes an action answered with stay on screen when the page refreshes around them.
 */
export function TwoFactorSettings({ enabled, enabledAt, recoveryCodesLeft, setup, canTurnOff }: Props) {
  const setUp = useFormAction(confirmTwoFactorSetupAction, null);
  const regenerate = useFormAction(regenerateRecoveryCodesAction, null);
  const turnOff = useFormAction(disableTwoFactorAction, null);
  const [started, start, starting] = useActionState<Result | null>(() => startTwoFactorSetupAction(), null);
  const codesId = useId();
  const latest = [regenerate.state, setUp.state].find((state) => state?.ok && state.recoveryCodes);
  const shown = enabled && latest?.ok ? (latest.recoveryCodes ?? null) : null;

  return (
    <div className="space-y-6">
      {shown && (
        <section aria-labelledby={codesId} className="rounded border border-amber-700 bg-amber-50 p-4">
          <h3 id={codesId} className="font-bold">
            Your recovery codes
          </h3>
          <p className="mt-1 text-sm">
            Shown only now: print them or keep them in your password manager. Each signs you in once, instead of a code
            from your app, if you lose your phone.
          </p>
          <ol className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 font-mono" aria-label="Recovery codes">
            {shown.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ol>
        </section>
      )}

      {enabled ? (
        <>
          <p>
            <strong>On</strong>
            {enabledAt && <> since {new Date(enabledAt).toISOString().slice(0, 10)}</>}. Signing in asks for a code from
            your authenticator app after your password. {recoveryCodesLeft} of 10 recovery codes left.
          </p>
          <ActionMessage state={setUp.state?.ok ? setUp.state : null} />
          <section aria-labelledby="recovery-codes-heading" className="max-w-md">
            <h3 id="recovery-codes-heading" className="font-bold">
              New recovery codes
            </h3>
            <p className="text-sm text-muted">The old ones stop working.</p>
            <form {...regenerate.formProps} noValidate className="mt-2 space-y-3">
              <ActionMessage state={regenerate.state} />
              <TextField
                id="regenerate-confirmation"
                name="confirmation"
                label="Password or current code"
                type="password"
                autoComplete="current-password"
                required
                error={fieldError(regenerate.state, "confirmation")}
              />
              <SubmitButton pending={regenerate.pending} tone="secondary">
                Make new recovery codes
              </SubmitButton>
            </form>
          </section>
          {canTurnOff ? (
            <section aria-labelledby="turn-off-heading" className="max-w-md">
              <h3 id="turn-off-heading" className="font-bold">
                Turn off
              </h3>
              <form {...turnOff.formProps} noValidate className="mt-2 space-y-3">
                <ActionMessage state={turnOff.state} />
                <TextField
                  id="turn-off-confirmation"
                  name="confirmation"
                  label="Password or current code"
                  type="password"
                  autoComplete="current-password"
                  required
                  error={fieldError(turnOff.state, "confirmation")}
                />
                <SubmitButton pending={turnOff.pending} tone="danger">
                  Turn off two-factor authentication
                </SubmitButton>
              </form>
            </section>
          ) : (
            <p className="text-sm text-muted">
              An administrator requires it for your role, so it cannot be turned off. If you lose your phone and your
              recovery codes, ask an administrator to reset it.
            </p>
          )}
        </>
      ) : setup ? (
        <div className="max-w-xl space-y-4">
          <ol className="list-decimal space-y-3 pl-5">
            <li>
              In an authenticator app (such as the one built into your password manager), add an account by scanning
              this code.
              {setup.qrCode && (
                // eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server
                <img
                  src={setup.qrCode}
                  alt="QR code of the secret key for your authenticator app"
                  width={200}
                  height={200}
                  className="mt-2 border border-rule"
                />
              )}
              <p className="mt-2">
                Or enter this key by hand: <code className="font-mono">{grouped(setup.secret)}</code>
              </p>
              <details className="mt-1 text-sm">
                <summary>The setup address</summary>
                <code className="break-all font-mono">{setup.uri}</code>
              </details>
            </li>
            <li>Enter the six-digit code the app shows.</li>
          </ol>
          <form {...setUp.formProps} noValidate className="space-y-3">
            <ActionMessage state={setUp.state} />
            <TextField
              id="setup-code"
              name="code"
              label="Authentication code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              required
              error={fieldError(setUp.state, "code")}
              controlClassName="w-full max-w-40 font-mono"
            />
            <SubmitButton pending={setUp.pending}>Turn on</SubmitButton>
          </form>
          <form action={start}>
            <button type="submit" disabled={starting} className="text-sm text-accent underline">
              Start again with a new key
            </button>
          </form>
        </div>
      ) : (
        <div className="max-w-xl space-y-3">
          <p>
            <strong>Off.</strong> With it on, signing in asks for a code from an authenticator app on your phone as well
            as your password, so a stolen password alone does not open your account.
          </p>
          <form action={start} className="space-y-2">
            <ActionMessage state={started} />
            <SubmitButton pending={starting}>Set up two-factor authentication</SubmitButton>
          </form>
        </div>
      )}
    </div>
  );
}
