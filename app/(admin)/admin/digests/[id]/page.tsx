import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/admin/action-form";
import { DigestFields } from "@/components/admin/digest-fields";
import { EmailPreview } from "@/components/admin/email-preview";
import { StatGrid } from "@/components/admin/stat-grid";
import { linkClass } from "@/components/admin/form-styles";
import { DataTable } from "@/components/ui/data-table";
import { TextField } from "@/components/ui/text-field";
import { changePick } from "@/lib/actions/digests/change-digest-pick";
import { resendUnknown } from "@/lib/actions/digests/resend-unknown";
import { sendDigest } from "@/lib/actions/digests/send-digest";
import { sendTest } from "@/lib/actions/digests/send-test-digest";
import { updateDigest } from "@/lib/actions/digests/update-digest";
import { recordAuditEntry } from "@/lib/auth/audit-log";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatAdminDateTime } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { deliveryProgress, SKIPPED_PREFIX, UNKNOWN_OUTCOME } from "@/lib/mailings/deliveries";
import {
  digestMode,
  previewRecipient,
  previewWindow,
  renderDigestPreview,
  searchPublicationsToPick,
  type DigestDraft,
} from "@/lib/mailings/digest-admin";
import { currentMailSettings, findDigest, site } from "@/lib/mailings/digest-context";
import { DIGEST_STATUS_LABELS } from "@/lib/mailings/labels";
import { databaseIdSchema } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Digest" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 254) ?? "";

export default async function DigestPage({ params, searchParams }: Props) {
  const { id: rawId } = await params;
  const user = await requirePermission("subscribers.manage", `/admin/digests/${encodeURIComponent(rawId)}`);
  const id = databaseIdSchema.safeParse(rawId);
  if (!id.success) notFound();
  const digest = await findDigest(id.data);
  if (!digest) notFound();
  const query = await searchParams;

  return (
    <>
      <p className="text-sm">
        <Link href="/admin/digests" className={linkClass}>
          Digests
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{digest.subject}</h1>
      <p className="mt-1 text-sm text-muted">
        Status: {DIGEST_STATUS_LABELS[digest.status as keyof typeof DIGEST_STATUS_LABELS]}
      </p>
      {digest.status === "DRAFT" ? (
        <DraftView digest={digest} pickQuery={first(query.q)} sample={first(query.sample)} viewerId={user.id} />
      ) : (
        <SendView digest={digest} />
      )}
    </>
  );
}

async function DraftView({
  digest,
  pickQuery,
  sample,
  viewerId,
}: {
  digest: DigestDraft;
  pickQuery: string;
  sample: string;
  viewerId: number;
}) {
  const mode = digestMode(digest);
  const [recipient, settings, picked, results, audience] = await Promise.all([
    previewRecipient(db, sample || undefined),
    currentMailSettings(),
    db.publication.findMany({ where: { id: { in: digest.publicationIds } }, select: { id: true, title: true } }),
    mode === "picked" ? searchPublicationsToPick(db, pickQuery) : Promise.resolve([]),
    db.subscriber.count({ where: { status: "CONFIRMED", frequency: "WEEKLY" } }),
  ]);
  const preview = recipient ? await renderDigestPreview(db, digest, recipient, site(), settings) : null;
  // The preview shows one subscriber's address, name and topics.
  if (recipient)
    await recordAuditEntry(db, viewerId, {
      action: "digest.preview_view",
      entityType: "Digest",
      entityId: digest.id,
      details: { subscriberId: recipient.id },
    });
  const window = await previewWindow(db, digest);
  const pickedInOrder = digest.publicationIds.flatMap((pickId) => picked.find((row) => row.id === pickId) ?? []);

  return (
    <div className="mt-6 grid gap-10 lg:grid-cols-2">
      <div className="space-y-8">
        <section aria-labelledby="compose-heading">
          <h2 id="compose-heading" className="text-xl font-bold">
            Compose
          </h2>
          <ActionForm action={updateDigest} submitLabel="Save" tone="secondary" className="mt-3 space-y-4">
            <input type="hidden" name="digestId" value={digest.id} />
            <DigestFields subject={digest.subject} intro={digest.intro} mode={mode} />
          </ActionForm>
          {mode === "new" && window.periodStart ? (
            <p className="mt-3 text-sm">
              Covers publications since {formatAdminDateTime(window.periodStart)} UTC (the end of the last digest), up
              to the moment you send.
            </p>
          ) : null}
        </section>

        {mode === "picked" ? (
          <section aria-labelledby="picks-heading">
            <h2 id="picks-heading" className="text-xl font-bold">
              Publications
            </h2>
            {pickedInOrder.length === 0 ? <p className="mt-2">None picked yet. Search below.</p> : null}
            <ul className="mt-2 space-y-2">
              {pickedInOrder.map((publication) => (
                <li key={publication.id} className="flex items-center justify-between gap-3 border-b border-rule pb-2">
                  <span>{publication.title}</span>
                  <PickButton
                    digestId={digest.id}
                    publicationId={publication.id}
                    change="remove"
                    title={publication.title}
                  />
                </li>
              ))}
            </ul>
            <form method="get" role="search" className="mt-4 flex items-end gap-2">
              <TextField
                id="pick-q"
                name="q"
                label="Search publications by title"
                type="search"
                defaultValue={pickQuery}
                maxLength={200}
                className="grow"
              />
              <button type="submit" className="rounded border border-gray-500 px-4 py-2 font-semibold">
                Search
              </button>
            </form>
            <ul className="mt-3 space-y-2">
              {results
                .filter((result) => !digest.publicationIds.includes(result.id))
                .map((result) => (
                  <li key={result.id} className="flex items-center justify-between gap-3 border-b border-rule pb-2">
                    <span>
                      {result.title}{" "}
                      <span className="text-sm text-muted">({formatAdminDateTime(result.publishedAt)})</span>
                    </span>
                    <PickButton digestId={digest.id} publicationId={result.id} change="add" title={result.title} />
                  </li>
                ))}
            </ul>
            {pickQuery && results.length === 0 ? (
              <p className="mt-2">No published publication matches “{pickQuery}”.</p>
            ) : null}
          </section>
        ) : null}

        <section aria-labelledby="send-heading">
          <h2 id="send-heading" className="text-xl font-bold">
            Send
          </h2>
          <ActionForm action={sendTest} submitLabel="Send test to me" tone="secondary" className="mt-3">
            <input type="hidden" name="digestId" value={digest.id} />
            <input type="hidden" name="sample" value={recipient?.email ?? ""} />
          </ActionForm>
          <ActionForm action={sendDigest} submitLabel="Send" className="mt-4 space-y-3">
            <input type="hidden" name="digestId" value={digest.id} />
            <label className="flex items-start gap-2">
              <input type="checkbox" name="confirm" value="yes" className="mt-1" />
              <span>
                I have checked the preview: send this digest to the {formatCount(audience)} confirmed weekly subscribers
                (each receives the publications in their own topics; those with nothing new are skipped).
              </span>
            </label>
          </ActionForm>
        </section>
      </div>

      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading" className="text-xl font-bold">
          Preview
        </h2>
        <form method="get" className="mt-3 flex items-end gap-2">
          <TextField
            id="sample"
            name="sample"
            label="Sample subscriber (email)"
            type="email"
            defaultValue={recipient?.email ?? sample}
            className="grow"
          />
          {pickQuery ? <input type="hidden" name="q" value={pickQuery} /> : null}
          <button type="submit" className="rounded border border-gray-500 px-4 py-2 font-semibold">
            Show
          </button>
        </form>
        {!recipient ? (
          <p className="mt-3">
            {sample
              ? `No confirmed subscriber has the address ${sample}.`
              : "There is no confirmed weekly subscriber to preview for yet."}
          </p>
        ) : !preview?.mail ? (
          <p className="mt-3">
            {recipient.email} would not receive this digest: none of its {formatCount(preview?.itemCount ?? 0)}{" "}
            publications are in their topics.
          </p>
        ) : (
          <>
            <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
              <dt className="font-semibold">To</dt>
              <dd>{preview.mail.to.address}</dd>
              <dt className="font-semibold">Subject</dt>
              <dd>{preview.mail.subject}</dd>
            </dl>
            <div className="mt-3">
              <EmailPreview html={preview.mail.html} title={`Preview of the digest for ${recipient.email}`} />
            </div>
            <details className="mt-3">
              <summary className="cursor-pointer font-semibold">Text part</summary>
              <pre className="mt-2 whitespace-pre-wrap rounded bg-gray-50 p-3 text-sm">{preview.mail.text}</pre>
            </details>
          </>
        )}
      </section>
    </div>
  );
}

function PickButton({
  digestId,
  publicationId,
  change,
  title,
}: {
  digestId: number;
  publicationId: number;
  change: "add" | "remove";
  title: string;
}) {
  return (
    <ActionForm
      action={changePick}
      submitLabel={change === "add" ? "Add" : "Remove"}
      tone="secondary"
      className="shrink-0"
    >
      <input type="hidden" name="digestId" value={digestId} />
      <input type="hidden" name="publicationId" value={publicationId} />
      <input type="hidden" name="change" value={change} />
      <span className="sr-only">{title}</span>
    </ActionForm>
  );
}

async function SendView({ digest }: { digest: DigestDraft }) {
  const progress = await deliveryProgress(db, { kind: "digest", parentId: digest.id });
  const failures = await db.digestDelivery.findMany({
    where: { digestId: digest.id, status: "FAILED" },
    orderBy: { id: "asc" },
    take: 500,
    select: { id: true, lastError: true, subscriber: { select: { email: true } } },
  });
  const sending = digest.status === "SENDING";
  const report = failures.filter((failure) => !failure.lastError?.startsWith(SKIPPED_PREFIX));
  return (
    <>
      {/* Refreshes itself while sending: progress without client-side code. */}
      {sending ? <meta httpEquiv="refresh" content="3" /> : null}
      <section aria-labelledby="progress-heading" className="mt-6">
        <h2 id="progress-heading" className="text-xl font-bold">
          Progress
        </h2>
        <StatGrid
          className="mt-3"
          stats={[
            ["Sent", progress.sent],
            ["Failed", progress.failed],
            ["Remaining", progress.remaining],
            ["Skipped", progress.skipped],
          ]}
        />
        <p className="mt-3" role="status">
          {!sending
            ? "Done."
            : progress.total === 0
              ? "Preparing the list of recipients…"
              : `Sending… ${formatCount(progress.sent + progress.failed + progress.skipped)} of ${formatCount(progress.total)} done.`}
          {digest.periodStart && digest.periodEnd
            ? ` Publications from ${formatAdminDateTime(digest.periodStart)} to ${formatAdminDateTime(digest.periodEnd)} UTC.`
            : ""}
        </p>
      </section>
      <section aria-labelledby="report-heading" className="mt-8">
        <h2 id="report-heading" className="text-xl font-bold">
          Report
        </h2>
        {progress.unknown > 0 ? (
          <div className="mt-3 rounded border border-amber-700 bg-amber-50 p-3">
            <p>
              {formatCount(progress.unknown)} message{progress.unknown === 1 ? " was" : "s were"} being handed to the
              mail server when sending stopped. They may or may not have arrived, so they were not sent again. Sending
              again risks a duplicate for those readers.
            </p>
            <ActionForm
              action={resendUnknown}
              submitLabel="Send again to these recipients"
              tone="secondary"
              className="mt-2"
            >
              <input type="hidden" name="digestId" value={digest.id} />
            </ActionForm>
          </div>
        ) : null}
        <DataTable
          className="mt-3"
          alignTop
          rows={report}
          rowKey={(failure) => failure.id}
          empty="No failures."
          columns={[
            { header: "Recipient", cell: (failure) => failure.subscriber?.email ?? "(erased)" },
            {
              header: "Reason",
              cell: (failure) =>
                failure.lastError === UNKNOWN_OUTCOME ? "Outcome unknown (sending was interrupted)" : failure.lastError,
            },
          ]}
        />
      </section>
    </>
  );
}
