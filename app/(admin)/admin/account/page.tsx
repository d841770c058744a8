import type { Metadata } from "next";
import QRCode from "qrcode";
import { TwoFactorSettings } from "@/components/admin/account/two-factor-settings";
import { ROLE_LABELS } from "@/components/admin/users/roles";
import { ACCOUNT_PATH, requirePermission } from "@/lib/auth/session";
import { twoFactorOverview } from "@/lib/auth/two-factor";
import { isSecondFactorRequired, ROLES_REQUIRING_SECOND_FACTOR } from "@/lib/auth/two-factor-policy";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Your account" };

/** One's own account: who one is, and the second factor. Open to everyone signed in, even before a required set-up. */
export default async function AccountPage() {
  const user = await requirePermission("account.manage", ACCOUNT_PATH);
  const [overview, required] = await Promise.all([twoFactorOverview(db, user), isSecondFactorRequired(db)]);
  const requiredForMe = required && ROLES_REQUIRING_SECOND_FACTOR.includes(user.role);
  const setup = overview.pending && {
    ...overview.pending,
    qrCode: await QRCode.toDataURL(overview.pending.uri, { margin: 1, width: 200 }).catch(() => null),
  };
  return (
    <>
      <h1 className="text-2xl font-bold">Your account</h1>
      {user.mustEnrolSecondFactor && (
        <p role="status" className="mt-4 max-w-2xl rounded border border-amber-700 bg-amber-50 px-3 py-2">
          An administrator requires two-factor authentication for your role. Set it up below to use the staff area.
        </p>
      )}
      <dl className="mt-6 grid max-w-xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="font-semibold">Name</dt>
        <dd>{user.name || "—"}</dd>
        <dt className="font-semibold">Email</dt>
        <dd>{user.email}</dd>
        <dt className="font-semibold">Role</dt>
        <dd>{ROLE_LABELS[user.role]}</dd>
      </dl>
      <section aria-labelledby="two-factor-heading" className="mt-10">
        <h2 id="two-factor-heading" className="mb-3 text-xl font-bold">
          Two-factor authentication
        </h2>
        <TwoFactorSettings
          enabled={overview.enabled}
          enabledAt={overview.enabledAt?.toISOString() ?? null}
          recoveryCodesLeft={overview.recoveryCodesLeft}
          setup={setup}
          canTurnOff={!requiredForMe}
        />
      </section>
    </>
  );
}
