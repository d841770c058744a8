import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { TextField } from "@/components/ui/text-field";
import { updateAuditRetention } from "@/lib/actions/settings/update-audit-retention";
import { updateBackupSchedule } from "@/lib/actions/settings/update-backup-schedule";
import { updateMailSettings } from "@/lib/actions/settings/update-mail-settings";
import { updateRegistrationRetention } from "@/lib/actions/settings/update-registration-retention";
import { updateTwoFactorRequirement } from "@/lib/actions/settings/update-two-factor-requirement";
import { updateSiteTimeZone } from "@/lib/actions/settings/update-time-zone";
import { loadSiteTimeZone } from "@/lib/data/site-settings";
import { loadAuditRetentionDays } from "@/lib/auth/audit-log";
import { requirePermission } from "@/lib/auth/session";
import { isSecondFactorRequired } from "@/lib/auth/two-factor-policy";
import { listBackups } from "@/lib/backup/files";
import { backupFolder, loadBackupSchedule, loadLastBackupRun } from "@/lib/backup/schedule";
import { DATA_DIR } from "@/lib/data-dir";
import { formatBytes } from "@/lib/format/bytes";
import { formatAdminDateTime } from "@/lib/format/dates";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { loadRegistrationRetentionDays } from "@/lib/events/registration-retention";
import { loadMailSettings } from "@/lib/mail/settings";
import { MAX_AUDIT_RETENTION_DAYS, MIN_AUDIT_RETENTION_DAYS } from "@/lib/validations/audit";
import { MAX_BACKUPS_KEPT } from "@/lib/validations/backup";
import { MAX_SEND_RATE_PER_SECOND, MAX_SIGNUP_MAILS_PER_HOUR } from "@/lib/validations/mail-settings";
import { MAX_REGISTRATION_RETENTION_DAYS, MIN_REGISTRATION_RETENTION_DAYS } from "@/lib/validations/event-registration";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePermission("settings.manage", "/admin/settings");
  const [
    settings,
    retentionDays,
    secondFactorRequired,
    registrationRetentionDays,
    backupSchedule,
    lastBackup,
    backups,
    timeZone,
  ] = await Promise.all([
    loadMailSettings(db, env.MAIL_FROM),
    loadAuditRetentionDays(db),
    isSecondFactorRequired(db),
    loadRegistrationRetentionDays(db),
    loadBackupSchedule(db),
    loadLastBackupRun(db),
    listBackups(backupFolder(DATA_DIR)),
    loadSiteTimeZone(db),
  ]);
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
            <TextField
              id="fromName"
              name="fromName"
              label="Sender name"
              defaultValue={settings.from.name}
              maxLength={100}
            />
            <TextField
              id="fromAddress"
              name="fromAddress"
              label="Sender address"
              type="email"
              required
              defaultValue={settings.from.address}
              maxLength={254}
            />
          </fieldset>
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 font-semibold">Replies (Reply-To); leave empty to use the sender</legend>
            <TextField
              id="replyToName"
              name="replyToName"
              label="Reply-To name"
              defaultValue={separateReplyTo ? settings.replyTo.name : ""}
              maxLength={100}
            />
            <TextField
              id="replyToAddress"
              name="replyToAddress"
              label="Reply-To address"
              type="email"
              defaultValue={separateReplyTo ? settings.replyTo.address : ""}
              maxLength={254}
            />
          </fieldset>
          <TextField
            id="sendRatePerSecond"
            name="sendRatePerSecond"
            label="Sending rate (messages per second)"
            type="number"
            min={1}
            max={MAX_SEND_RATE_PER_SECOND}
            required
            defaultValue={settings.sendRatePerSecond}
            controlClassName="w-full max-w-40"
          />
          <TextField
            id="signupMailsPerHour"
            name="signupMailsPerHour"
            label="Signup emails per hour"
            hint="Confirmation and “already subscribed” emails the signup and event registration forms together may send in an hour, for the whole site. Past it, signups and registrations are still recorded and their emails go out as the hour’s count falls."
            type="number"
            min={1}
            max={MAX_SIGNUP_MAILS_PER_HOUR}
            required
            defaultValue={settings.signupMailsPerHour}
            controlClassName="w-full max-w-40"
          />
          <TextField
            as="textarea"
            id="blockedDomains"
            name="blockedDomains"
            label="Blocked email domains"
            hint="One per line. Signups and imports from these domains (and their subdomains) are refused."
            rows={10}
            defaultValue={settings.blockedDomains.join("\n")}
            controlClassName="w-full font-mono text-sm"
          />
        </ActionForm>
      </section>
      <section aria-labelledby="sign-in-settings" className="mt-10 max-w-2xl">
        <h2 id="sign-in-settings" className="text-xl font-bold">
          Sign-in
        </h2>
        <p className="mt-1 text-sm text-muted">
          Admins and editors without two-factor authentication are sent to set it up after signing in, and can use
          nothing else until they have. Turn it on for your own account first.
        </p>
        <ActionForm action={updateTwoFactorRequirement} submitLabel="Save sign-in settings" className="mt-4 space-y-4">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="required" defaultChecked={secondFactorRequired} className="size-4" />
            Require two-factor authentication for admins and editors
          </label>
        </ActionForm>
      </section>
      <section aria-labelledby="time-zone-settings" className="mt-10 max-w-2xl">
        <h2 id="time-zone-settings" className="text-xl font-bold">
          Time zone
        </h2>
        <p className="mt-1 text-sm text-muted">
          Every date the site shows, to readers and to staff, is in this zone (the default comes from SITE_TIME_ZONE).
        </p>
        <ActionForm action={updateSiteTimeZone} submitLabel="Save time zone" className="mt-4 space-y-4">
          <TextField
            id="timeZone"
            name="timeZone"
            label="Time zone"
            hint="An IANA name, such as America/New_York, Europe/London or Asia/Seoul."
            required
            defaultValue={timeZone}
            controlClassName="w-full max-w-80"
          />
        </ActionForm>
      </section>
      <section aria-labelledby="audit-settings" className="mt-10 max-w-2xl">
        <h2 id="audit-settings" className="text-xl font-bold">
          Audit log
        </h2>
        <p className="mt-1 text-sm text-muted">
          A daily job deletes audit log entries older than this, and the hourly counts of failed sign-ins for unknown
          emails with them.
        </p>
        <ActionForm action={updateAuditRetention} submitLabel="Save retention" className="mt-4 space-y-4">
          <TextField
            id="retentionDays"
            name="retentionDays"
            label="Keep audit log entries for (days)"
            hint={`From ${MIN_AUDIT_RETENTION_DAYS} to ${MAX_AUDIT_RETENTION_DAYS} days.`}
            type="number"
            min={MIN_AUDIT_RETENTION_DAYS}
            max={MAX_AUDIT_RETENTION_DAYS}
            required
            defaultValue={retentionDays}
            controlClassName="w-full max-w-40"
          />
        </ActionForm>
      </section>
      <section aria-labelledby="registration-settings" className="mt-10 max-w-2xl">
        <h2 id="registration-settings" className="text-xl font-bold">
          Event registrations
        </h2>
        <p className="mt-1 text-sm text-muted">
          A daily job deletes registrants’ names, addresses and affiliations this many days after their event ends.
        </p>
        <ActionForm
          action={updateRegistrationRetention}
          submitLabel="Save registration retention"
          className="mt-4 space-y-4"
        >
          <TextField
            id="registrationRetentionDays"
            name="retentionDays"
            label="Keep registrations after the event for (days)"
            hint={`From ${MIN_REGISTRATION_RETENTION_DAYS} to ${MAX_REGISTRATION_RETENTION_DAYS} days.`}
            type="number"
            min={MIN_REGISTRATION_RETENTION_DAYS}
            max={MAX_REGISTRATION_RETENTION_DAYS}
            required
            defaultValue={registrationRetentionDays}
            controlClassName="w-full max-w-40"
          />
        </ActionForm>
      </section>
      <section aria-labelledby="backup-settings" className="mt-10 max-w-2xl">
        <h2 id="backup-settings" className="text-xl font-bold">
          Backups
        </h2>
        <p className="mt-1 text-sm text-muted">
          Once a day at the hour below (UTC), a backup of the database, the media files and the site&rsquo;s secret is
          written to <code>{backupFolder(DATA_DIR)}</code>
          {env.QUIRE_BACKUP_PASSPHRASE ? ", encrypted with QUIRE_BACKUP_PASSPHRASE" : ""}; the oldest beyond the number
          kept are deleted. Copy them somewhere else too: a backup on the same disk does not survive the disk.
        </p>
        <ActionForm action={updateBackupSchedule} submitLabel="Save backup settings" className="mt-4 space-y-4">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="enabled" defaultChecked={backupSchedule.enabled} className="size-4" />
            Take a backup every day
          </label>
          <TextField
            id="backupHour"
            name="hour"
            label="Hour (UTC, 0–23)"
            type="number"
            min={0}
            max={23}
            required
            defaultValue={backupSchedule.hour}
            controlClassName="w-full max-w-40"
          />
          <TextField
            id="backupKeep"
            name="keep"
            label="Backups to keep"
            type="number"
            min={1}
            max={MAX_BACKUPS_KEPT}
            required
            defaultValue={backupSchedule.keep}
            controlClassName="w-full max-w-40"
          />
        </ActionForm>
        {lastBackup && (
          <p className="mt-4 text-sm">
            Last scheduled backup: {formatAdminDateTime(new Date(lastBackup.at))},{" "}
            {lastBackup.error
              ? `failed: ${lastBackup.error}`
              : `${lastBackup.file} (${formatBytes(lastBackup.bytes ?? 0)})`}
          </p>
        )}
        {backups.length > 0 && (
          <ul className="mt-2 list-disc pl-6 text-sm">
            {backups.map((backup) => (
              <li key={backup.name}>
                {backup.name}, {formatBytes(backup.bytes)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
