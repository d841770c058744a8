import type { Metadata } from "next";
import { InviteUserForm } from "@/components/admin/users/invite-user-form";
import { ROLE_LABELS } from "@/components/admin/users/roles";
import { DataTable } from "@/components/ui/data-table";
import { UserRowActions } from "@/components/admin/users/user-row-actions";
import { recordAuditEntry } from "@/lib/auth/audit-log";
import { requirePermission } from "@/lib/auth/session";
import { listStaff, STAFF_STATUS_LABELS } from "@/lib/data/admin-users";
import { db } from "@/lib/db";
import { formatAdminDateTime } from "@/lib/format/dates";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePermission("users.manage", "/admin/users");
  const staff = await listStaff(db);
  await recordAuditEntry(db, me.id, { action: "user.list_view", entityType: "User" });
  return (
    <>
      <h1 className="text-2xl font-bold">Users</h1>
      <section aria-labelledby="invite-heading" className="mt-6">
        <h2 id="invite-heading" className="text-xl font-bold">
          Invite someone
        </h2>
        <p className="mb-4 text-muted">They get an email with a link to set their password; it works for 72 hours.</p>
        <InviteUserForm />
      </section>
      <section aria-labelledby="staff-heading" className="mt-10">
        <h2 id="staff-heading" className="text-xl font-bold">
          Staff accounts
        </h2>
        <DataTable
          caption="Staff accounts with their role, status, last sign-in and actions"
          scroll="Staff accounts table"
          className="mt-4"
          density="relaxed"
          alignTop
          rows={staff}
          rowKey={(user) => user.id}
          columns={[
            {
              header: "Name",
              rowHeader: true,
              cell: (user) => (
                <>
                  <span className="font-semibold">{user.name || user.email}</span>
                  {user.name && <span className="block text-muted">{user.email}</span>}
                  {user.id === me.id && <span className="block text-muted">(you)</span>}
                </>
              ),
            },
            { header: "Role", cell: (user) => ROLE_LABELS[user.role] },
            { header: "Status", cell: (user) => STAFF_STATUS_LABELS[user.status] },
            {
              header: "Last sign-in (UTC)",
              cell: (user) =>
                user.lastSignInAt ? (
                  <time dateTime={user.lastSignInAt.toISOString()}>{formatAdminDateTime(user.lastSignInAt)}</time>
                ) : (
                  "Never"
                ),
            },
            {
              header: "Actions",
              cell: (user) => (
                <UserRowActions
                  userId={user.id}
                  label={user.name || user.email}
                  role={user.role}
                  disabled={user.status === "disabled"}
                  isSelf={user.id === me.id}
                />
              ),
            },
          ]}
        />
      </section>
    </>
  );
}
