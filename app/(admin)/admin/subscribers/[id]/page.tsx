import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/admin/action-form";
import { linkClass } from "@/components/admin/form-styles";
import { erase } from "@/lib/actions/subscribers/erase-subscriber";
import { recordAuditEntry } from "@/lib/auth/audit-log";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatAdminDateTime } from "@/lib/format/dates";
import { getSubscriberRecord, registrationsOfAddress, SUBSCRIBER_STATUS_LABELS } from "@/lib/subscribers/admin";
import { EVENT_LABELS, type SubscriberEventType } from "@/lib/subscribers/events";
import { databaseIdSchema } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Subscriber" };

const when = (date: Date | null) => (date ? `${formatAdminDateTime(date)} UTC` : "—");

/** One line of detail for a history entry. */
function describe(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
    .join(" · ");
}

export default async function SubscriberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const user = await requirePermission("subscribers.manage", `/admin/subscribers/${encodeURIComponent(rawId)}`);
  const id = databaseIdSchema.safeParse(rawId);
  if (!id.success) notFound();
  const subscriber = await getSubscriberRecord(db, id.data);
  if (!subscriber) notFound();
  await recordAuditEntry(db, user.id, { action: "subscriber.view", entityType: "Subscriber", entityId: subscriber.id });
  const name = [subscriber.firstName, subscriber.lastName].filter(Boolean).join(" ");
  const registrations = await registrationsOfAddress(db, subscriber.email);

  return (
    <>
      <p className="text-sm">
        <Link href="/admin/subscribers" className={linkClass}>
          Subscribers
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{subscriber.email}</h1>
      <div className="mt-6 grid gap-8 md:grid-cols-2">
        <section aria-labelledby="details-heading">
          <h2 id="details-heading" className="text-xl font-bold">
            Details
          </h2>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="font-semibold">Name</dt>
            <dd>{name || "—"}</dd>
            <dt className="font-semibold">Status</dt>
            <dd>{SUBSCRIBER_STATUS_LABELS[subscriber.status]}</dd>
            <dt className="font-semibold">Frequency</dt>
            <dd>{subscriber.frequency === "IMMEDIATE" ? "Immediately" : "Weekly digest"}</dd>
            <dt className="font-semibold">Source</dt>
            <dd>{subscriber.source}</dd>
            <dt className="font-semibold">Signed up</dt>
            <dd>{when(subscriber.createdAt)}</dd>
            <dt className="font-semibold">Confirmed</dt>
            <dd>{when(subscriber.confirmedAt)}</dd>
            <dt className="font-semibold">Unsubscribed</dt>
            <dd>{when(subscriber.unsubscribedAt)}</dd>
            <dt className="font-semibold">Topics</dt>
            <dd>{subscriber.topics.map((topic) => topic.category.name).join(", ") || "—"}</dd>
          </dl>
        </section>
        <section aria-labelledby="consent-heading">
          <h2 id="consent-heading" className="text-xl font-bold">
            Consent record
          </h2>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="font-semibold">Time</dt>
            <dd>{when(subscriber.consentAt)}</dd>
            <dt className="font-semibold">IP address</dt>
            <dd>{subscriber.consentIp ?? "—"}</dd>
            <dt className="font-semibold">Wording version</dt>
            <dd>{subscriber.consentVersion ?? "—"}</dd>
          </dl>
        </section>
      </div>

      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="text-xl font-bold">
          History
        </h2>
        {subscriber.events.length === 0 ? <p className="mt-2">Nothing recorded yet.</p> : null}
        <ol className="mt-3 space-y-2">
          {subscriber.events.map((event) => (
            <li key={event.id} className="border-l-4 border-rule pl-3">
              <time dateTime={event.createdAt.toISOString()} className="text-sm text-muted">
                {when(event.createdAt)}
              </time>{" "}
              <strong>{EVENT_LABELS[event.type as SubscriberEventType] ?? event.type}</strong>
              <span className="block text-sm">{describe(event.details)}</span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="deliveries-heading" className="mt-8">
        <h2 id="deliveries-heading" className="text-xl font-bold">
          Deliveries
        </h2>
        {subscriber.digestDeliveries.length + subscriber.alertDeliveries.length === 0 ? (
          <p className="mt-2">No digests or alerts yet.</p>
        ) : null}
        <ul className="mt-3 space-y-1 text-sm">
          {subscriber.digestDeliveries.map((delivery) => (
            <li key={`d${delivery.id}`}>
              Digest{" "}
              <Link href={`/admin/digests/${delivery.digest.id}`} className={linkClass}>
                {delivery.digest.subject}
              </Link>
              : {delivery.status.toLowerCase()}
              {delivery.sentAt ? ` ${when(delivery.sentAt)}` : ""}
              {delivery.lastError ? ` (${delivery.lastError})` : ""}
            </li>
          ))}
          {subscriber.alertDeliveries.map((delivery) => (
            <li key={`a${delivery.id}`}>
              Alert “{delivery.publication.title}”: {delivery.status.toLowerCase()}
              {delivery.sentAt ? ` ${when(delivery.sentAt)}` : ""}
              {delivery.lastError ? ` (${delivery.lastError})` : ""}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="registrations-heading" className="mt-8">
        <h2 id="registrations-heading" className="text-xl font-bold">
          Event registrations
        </h2>
        {registrations.length === 0 ? <p className="mt-2">No event registrations under this address.</p> : null}
        <ul className="mt-3 space-y-1 text-sm">
          {registrations.map((registration) => (
            <li key={registration.id}>
              <Link href={`/admin/events/${registration.event.publicationId}`} className={linkClass}>
                {registration.event.publication.title}
              </Link>{" "}
              ({when(registration.event.startsAt)}): {registration.status.toLowerCase()}
              {registration.checkedInAt ? ", checked in" : ""}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="erase-heading" className="mt-10 max-w-2xl rounded border border-red-800 p-4">
        <h2 id="erase-heading" className="text-xl font-bold">
          Erase (on request)
        </h2>
        <p className="mt-1 text-sm">
          Removes this person’s data for good: the subscriber, their topics and history, and their event registrations.
          Send reports keep no personal data, and the address is kept only as a hash so that no signup or import adds it
          again.
        </p>
        <ActionForm action={erase} submitLabel="Erase subscriber" tone="danger" className="mt-3 space-y-3">
          <input type="hidden" name="subscriberId" value={subscriber.id} />
          <label className="flex items-start gap-2">
            <input type="checkbox" name="confirm" value="yes" className="mt-1" />
            <span>I understand this cannot be undone.</span>
          </label>
        </ActionForm>
      </section>
    </>
  );
}
