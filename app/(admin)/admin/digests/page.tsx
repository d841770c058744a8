import type { Metadata } from "next";
import Link from "next/link";
import { linkClass } from "@/components/admin/form-styles";
import { rolesFor } from "@/lib/auth/permissions";
import { requireRoleFrom } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatAdminDateTime } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { DIGEST_STATUS_LABELS } from "@/lib/mailings/labels";

export const metadata: Metadata = { title: "Digests" };

export default async function DigestsPage() {
  await requireRoleFrom("/admin/digests", ...rolesFor("subscribers.manage"));
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
      {digests.length === 0 ? (
        <p className="mt-6">No digests yet.</p>
      ) : (
        <table className="mt-6 w-full text-left text-sm">
          <thead>
            <tr className="border-b border-rule">
              <th scope="col" className="py-2 pr-4">
                Subject
              </th>
              <th scope="col" className="py-2 pr-4">
                Status
              </th>
              <th scope="col" className="py-2 pr-4">
                Recipients
              </th>
              <th scope="col" className="py-2">
                Created
              </th>
            </tr>
          </thead>
          <tbody>
            {digests.map((digest) => (
              <tr key={digest.id} className="border-b border-rule">
                <td className="py-2 pr-4">
                  <Link href={`/admin/digests/${digest.id}`} className={linkClass}>
                    {digest.subject}
                  </Link>
                </td>
                <td className="py-2 pr-4">{DIGEST_STATUS_LABELS[digest.status]}</td>
                <td className="py-2 pr-4">{digest.status === "DRAFT" ? "—" : formatCount(digest._count.deliveries)}</td>
                <td className="py-2">{formatAdminDateTime(digest.createdAt)} UTC</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
