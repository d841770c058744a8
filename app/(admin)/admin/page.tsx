import type { Metadata } from "next";
import Link from "next/link";
import { linkClass } from "@/components/admin/form-styles";
import { GrowthChart, StackedBarChart, TopSearchesChart } from "@/components/admin/charts/charts";
import { DataTable } from "@/components/ui/data-table";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import {
  getDashboardCounts,
  getLatestAuditEntries,
  getPublicationsPerMonth,
  getSubscriberGrowth,
  PUBLICATION_STATUS_ORDER,
  SUBSCRIBER_STATUS_ORDER,
} from "@/lib/data/admin-dashboard";
import { formatAdminDateTime } from "@/lib/format/dates";
import { db } from "@/lib/db";
import { STATUS_LABELS } from "@/lib/publications/workflow-rules";
import { getTopSearches } from "@/lib/search/insights";

export const metadata: Metadata = { title: "Dashboard" };

const numberFormat = new Intl.NumberFormat("en-US");

const SUBSCRIBER_LABELS = { CONFIRMED: "Confirmed", PENDING: "Pending", UNSUBSCRIBED: "Unsubscribed" } as const;

function CountGroup({ title, items }: { title: string; items: { label: string; value: number }[] }) {
  return (
    <section aria-label={title} className="rounded border border-rule p-4">
      <h2 className="text-lg font-bold">{title}</h2>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2">
        {items.map((item) => (
          <div key={item.label}>
            <dt className="text-sm text-muted">{item.label}</dt>
            <dd className="text-2xl font-bold">{numberFormat.format(item.value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export default async function DashboardPage() {
  const user = await requirePermission("content.write", "/admin");
  const showSearches = can(user.role, "search.insights");
  // The audit log names who did what: admins only (lib/auth/permissions.ts, "audit.read").
  const showActivity = can(user.role, "audit.read");
  const [counts, audit, perMonth, growth, topSearches] = await Promise.all([
    getDashboardCounts(db),
    showActivity ? getLatestAuditEntries(db, 10) : Promise.resolve(null),
    getPublicationsPerMonth(db),
    getSubscriberGrowth(db),
    showSearches ? getTopSearches(db) : Promise.resolve(null),
  ]);
  return (
    <>
      <h1 className="text-2xl font-bold">Dashboard</h1>
      <div className="mt-6 grid gap-4 lg:grid-cols-3">
        <CountGroup
          title="Publications"
          items={PUBLICATION_STATUS_ORDER.map((status) => ({
            label: STATUS_LABELS[status],
            value: counts.publications[status],
          }))}
        />
        <CountGroup
          title="Subscribers"
          items={SUBSCRIBER_STATUS_ORDER.map((status) => ({
            label: SUBSCRIBER_LABELS[status],
            value: counts.subscribers[status],
          }))}
        />
        <CountGroup
          title="Staff"
          items={[
            { label: "Active", value: counts.staff.active },
            { label: "Invited", value: counts.staff.invited },
            { label: "Disabled", value: counts.staff.disabled },
          ]}
        />
      </div>
      <div className="mt-8 grid gap-6">
        <StackedBarChart
          id="chart-publications"
          title="Publications per month, by type (last 2 years)"
          months={perMonth.months}
          series={perMonth.types}
        />
        <GrowthChart
          id="chart-subscribers"
          title="Subscriber growth (last 2 years)"
          months={growth.months}
          perMonth={growth.confirmed}
          cumulative={growth.cumulative}
        />
        {topSearches && (
          <TopSearchesChart id="chart-searches" title="Top searches (last 30 days)" searches={topSearches} />
        )}
      </div>
      {audit && (
        <>
          <h2 className="mt-10 text-xl font-bold">Recent activity</h2>
          <p className="mt-1 text-sm">
            <Link href="/admin/audit" className={linkClass}>
              The whole audit log
            </Link>
          </p>
          <DataTable
            caption="The latest 10 audit log entries"
            rows={audit}
            rowKey={(entry) => entry.id}
            empty="No activity yet."
            className="mt-4"
            columns={[
              {
                header: "When (UTC)",
                cell: (entry) => (
                  <time dateTime={entry.createdAt.toISOString()}>{formatAdminDateTime(entry.createdAt)}</time>
                ),
              },
              { header: "Action", cell: (entry) => entry.action, className: "font-mono" },
              {
                header: "Subject",
                cell: (entry) => (
                  <>
                    {entry.entityType}
                    {entry.entityId ? ` #${entry.entityId}` : ""}
                  </>
                ),
              },
              { header: "By", cell: (entry) => (entry.actor ? entry.actor.name || entry.actor.email : "—") },
            ]}
          />
        </>
      )}
    </>
  );
}
