import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmailPreview } from "@/components/admin/email-preview";
import { linkClass } from "@/components/admin/form-styles";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { OUTBOX_DIR } from "@/lib/mail/mailer";
import { readOutboxMessage, recordOutboxView } from "@/lib/mail/outbox";

export const metadata: Metadata = { title: "Outbox message" };

const SHOWN_HEADERS = [
  "From",
  "Reply-To",
  "To",
  "Subject",
  "Date",
  "Message-ID",
  "List-Unsubscribe",
  "List-Unsubscribe-Post",
  "List-ID",
];

/** The file name from the address (a stray "%" is no name at all, not an error). */
function decodedName(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

export default async function OutboxMessagePage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { name: rawName } = await params;
  const user = await requirePermission("outbox.read", `/admin/outbox/${encodeURIComponent(rawName)}`);
  const name = decodedName(rawName);
  if (name === null) notFound();
  // Secrets (link tokens, signatures) come out redacted in every part: see lib/mail/outbox.ts.
  const message = await readOutboxMessage(OUTBOX_DIR, name);
  if (message === null) notFound();
  await recordOutboxView(db, user.id, { name });
  const view = (await searchParams).view === "source" ? "source" : "rendered";
  const headers = SHOWN_HEADERS.flatMap((shown) =>
    message.headers.filter((entry) => entry.name.toLowerCase() === shown.toLowerCase()),
  );
  const { subject } = message;

  return (
    <>
      <p className="text-sm">
        <Link href="/admin/outbox" className={linkClass}>
          Outbox
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{subject}</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {headers.map((entry, index) => (
          <div key={index} className="contents">
            <dt className="font-semibold">{entry.name}</dt>
            <dd className="break-all">{entry.value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="html-heading" className="mt-8">
        <div className="flex flex-wrap items-center gap-4">
          <h2 id="html-heading" className="text-xl font-bold">
            HTML part
          </h2>
          <Link
            href={`/admin/outbox/${encodeURIComponent(name)}${view === "source" ? "" : "?view=source"}`}
            className={linkClass}
          >
            {view === "source" ? "Show rendered" : "Show source"}
          </Link>
        </div>
        {!message.html ? (
          <p className="mt-2">This message has no HTML part.</p>
        ) : view === "source" ? (
          <pre className="mt-3 max-h-[36rem] overflow-auto whitespace-pre-wrap rounded bg-gray-50 p-3 text-xs">
            {message.html}
          </pre>
        ) : (
          <div className="mt-3">
            <EmailPreview html={message.html} title={`HTML part of “${subject}”`} />
          </div>
        )}
      </section>
      <section aria-labelledby="text-heading" className="mt-8">
        <h2 id="text-heading" className="text-xl font-bold">
          Text part
        </h2>
        <pre className="mt-3 whitespace-pre-wrap rounded bg-gray-50 p-3 text-sm">{message.text || "(none)"}</pre>
      </section>
    </>
  );
}
