import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { linkClass } from "@/components/admin/form-styles";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatAdminDateTime } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { DIGEST_STATUS_LABELS } from "@/lib/mailings/labels";

export const metadata: Metadata = { title: "Digests" };

export default async function DigestsPage() {
  await requirePermission("subscribers.manage", "/admin/digests");
  const digests = await db.digest.findMany({
    orderBy: { id: "desc" },
    take: 100,
    select: {
      id: true,
      subject: true,
      status: true,
      createdAt: true,
      sentAt: true,
      _count: { select: { deliveries: true } },
    },
  });
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">Digests</h1>
        <Link href="/admin/digests/new" className="rounded bg-accent px-4 py-2 font-semibold text-white no-underline">
          New digest
        </Link>
      </div>
      <DataTable
        rows={digests}
        rowKey={(digest) => digest.id}
        empty="No digests yet."
        className="mt-6"
        columns={[
          {
            header: "Subject",
            cell: (digest) => (
              <Link href={`/admin/digests/${digest.id}`} className={linkClass}>
                {digest.subject}
              </Link>
            ),
          },
          { header: "Status", cell: (digest) => DIGEST_STATUS_LABELS[digest.status] },
          {
            header: "Recipients",
            cell: (digest) => (digest.status === "DRAFT" ? "—" : formatCount(digest._count.deliveries)),
          },
          { header: "Created", cell: (digest) => `${formatAdminDateTime(digest.createdAt)} UTC` },
        ]}
      />
    </>
  );
}
