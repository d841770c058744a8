import type { Metadata } from "next";
import { requireRoleFrom } from "@/lib/auth/session";
import { getDashboardCounts, getLatestAuditEntries } from "@/lib/data/admin-dashboard";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Dashboard" };

const numberFormat = new Intl.NumberFormat("en-US");
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function DashboardPage() {
  await requireRoleFrom("/admin");
  const [counts, audit] = await Promise.all([getDashboardCounts(db), getLatestAuditEntries(db, 10)]);
  const cards = [
    { label: "Published", value: counts.published },
    { label: "Drafts", value: counts.drafts },
    { label: "In review", value: counts.inReview },
    { label: "Subscribers (confirmed)", value: counts.subscribersConfirmed },
    { label: "Subscribers (pending)", value: counts.subscribersPending },
  ];
  return (
    <>
      <h1 className="text-2xl font-bold">Dashboard</h1>
      <dl className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
        {cards.map((card) => (
          <div key={card.label} className="rounded border border-rule p-4">
            <dt className="text-sm text-muted">{card.label}</dt>
            <dd className="mt-1 text-2xl font-bold">{numberFormat.format(card.value)}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mt-10 text-xl font-bold">Recent activity</h2>
      {audit.length === 0 ? (
        <p className="mt-4">No activity yet.</p>
      ) : (
        <table className="mt-4 w-full text-left text-sm">
          <caption className="sr-only">The latest 10 audit log entries</caption>
          <thead>
            <tr className="border-b border-rule">
              <th scope="col" className="py-2 pr-4">When (UTC)</th>
              <th scope="col" className="py-2 pr-4">Action</th>
              <th scope="col" className="py-2 pr-4">Subject</th>
              <th scope="col" className="py-2">By</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((entry) => (
              <tr key={entry.id} className="border-b border-rule">
                <td className="py-2 pr-4">
                  <time dateTime={entry.createdAt.toISOString()}>{dateTimeFormat.format(entry.createdAt)}</time>
                </td>
                <td className="py-2 pr-4 font-mono">{entry.action}</td>
                <td className="py-2 pr-4">
                  {entry.entityType}
                  {entry.entityId ? ` #${entry.entityId}` : ""}
                </td>
                <td className="py-2">{entry.actor ? entry.actor.name || entry.actor.email : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
