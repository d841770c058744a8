import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { inputClass, labelClass } from "@/components/admin/form-styles";
import { updateMailSettings } from "@/lib/actions/settings/update-mail-settings";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { loadMailSettings } from "@/lib/mail/settings";
import { MAX_SEND_RATE_PER_SECOND } from "@/lib/validations/mail-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePermission("settings.manage", "/admin/settings");
  const settings = await loadMailSettings(db, env.MAIL_FROM);
  const separateReplyTo =
    settings.replyTo.address !== settings.from.address || settings.replyTo.name !== settings.from.name;
  return (
    <>
      <h1 className="text-2xl font-bold">Settings</h1>
      <section aria-labelledby="mail-settings" className="mt-6 max-w-2xl">
        <h2 id="mail-settings" className="text-xl font-bold">
          Mail
        </h2>
        <p className="mt-1 text-sm text-muted">
          Used by every email the site sends: confirmations, digests and alerts.
        </p>
        <ActionForm action={updateMailSettings} submitLabel="Save settings" className="mt-4 space-y-4">
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 font-semibold">Sender (From)</legend>
            <div>
              <label htmlFor="fromName" className={labelClass}>
                Sender name
              </label>
              <input
                id="fromName"
                name="fromName"
                defaultValue={settings.from.name}
                maxLength={100}
                className={inputClass}
              />
            </div>
            <div>
              <label htmlFor="fromAddress" className={labelClass}>
                Sender address
              </label>
              <input
                id="fromAddress"
                name="fromAddress"
                type="email"
                required
                defaultValue={settings.from.address}
                maxLength={254}
                className={inputClass}
              />
            </div>
          </fieldset>
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 font-semibold">Replies (Reply-To); leave empty to use the sender</legend>
            <div>
              <label htmlFor="replyToName" className={labelClass}>
                Reply-To name
              </label>
              <input
                id="replyToName"
                name="replyToName"
                defaultValue={separateReplyTo ? settings.replyTo.name : ""}
                maxLength={100}
                className={inputClass}
              />
            </div>
            <div>
              <label htmlFor="replyToAddress" className={labelClass}>
                Reply-To address
              </label>
              <input
                id="replyToAddress"
                name="replyToAddress"
                type="email"
                defaultValue={separateReplyTo ? settings.replyTo.address : ""}
                maxLength={254}
                className={inputClass}
              />
            </div>
          </fieldset>
          <div>
            <label htmlFor="sendRatePerSecond" className={labelClass}>
              Sending rate (messages per second)
            </label>
            <input
              id="sendRatePerSecond"
              name="sendRatePerSecond"
              type="number"
              min={1}
              max={MAX_SEND_RATE_PER_SECOND}
              required
              defaultValue={settings.sendRatePerSecond}
              className={`${inputClass} max-w-40`}
            />
          </div>
          <div>
            <label htmlFor="blockedDomains" className={labelClass}>
              Blocked email domains
            </label>
            <p id="blockedDomains-hint" className="text-sm text-muted">
              One per line. Signups and imports from these domains (and their subdomains) are refused.
            </p>
            <textarea
              id="blockedDomains"
              name="blockedDomains"
              rows={10}
              aria-describedby="blockedDomains-hint"
              defaultValue={settings.blockedDomains.join("\n")}
              className={`${inputClass} font-mono text-sm`}
            />
          </div>
        </ActionForm>
      </section>
    </>
  );
}
