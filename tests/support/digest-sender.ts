/**
 * A digest sending run in a process of its own, for the test that kills a sender
 * mid-send (SIGKILL) and resumes. Run with `node --conditions=react-server --import tsx`
 * so server-only modules load outside Next. Env: DATABASE_URL, SMTP_URL, SITE_URL,
 * NEXTAUTH_SECRET, DIGEST_ID, LEASE_MS.
 */
import { createDatabaseClient } from "@/lib/db-client";
import { env } from "@/lib/env";
import { loadMailSettings } from "@/lib/mail/settings";
import { createMailer, messageIdDomain } from "@/lib/mail/transport";
import { runDigestSend } from "@/lib/mailings/digests";
import { Pacer } from "@/lib/mailings/sender";

const database = createDatabaseClient(env.DATABASE_URL, { maxConnections: 2 });
const settings = await loadMailSettings(database, env.MAIL_FROM);
const mailer = createMailer({
  smtpUrl: env.SMTP_URL,
  outboxDir: "/nonexistent",
  from: env.MAIL_FROM,
  siteUrl: env.SITE_URL,
  pool: true,
});
const digestId = Number(process.env.DIGEST_ID);
for (;;) {
  const result = await runDigestSend(database, digestId, {
    mailer,
    pacer: new Pacer(settings.sendRatePerSecond),
    settings,
    site: { siteName: env.SITE_NAME, siteUrl: env.SITE_URL },
    messageIdDomain: messageIdDomain(settings.from.address, env.SITE_URL),
    leaseMs: Number(process.env.LEASE_MS),
  });
  console.log(JSON.stringify(result));
  if (!result.resumeAt) break;
}
mailer.close();
await database.$disconnect();
