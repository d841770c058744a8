import type { Metadata } from "next";
import { InviteUserForm } from "@/components/admin/users/invite-user-form";
import { ROLE_LABELS } from "@/components/admin/users/roles";
import { UserRowActions } from "@/components/admin/users/user-row-actions";
import { rolesFor } from "@/lib/auth/permissions";
import { requireRoleFrom } from "@/lib/auth/session";
import { listStaff, STAFF_STATUS_LABELS } from "@/lib/data/admin-users";
import { db } from "@/lib/db";
import { formatAdminDateTime } from "@/lib/format/dates";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireRoleFrom("/admin/users", ...rolesFor("users.manage"));
  const staff = await listStaff(db);
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
        <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-label="Staff accounts table">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Staff accounts with their role, status, last sign-in and actions</caption>
            <thead>
              <tr className="border-b border-rule">
                <th scope="col" className="py-2 pr-4">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4">
                  Role
                </th>
                <th scope="col" className="py-2 pr-4">
                  Status
                </th>
                <th scope="col" className="py-2 pr-4">
                  Last sign-in (UTC)
                </th>
                <th scope="col" className="py-2">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.map((user) => {
                const label = user.name || user.email;
                return (
                  <tr key={user.id} className="border-b border-rule align-top">
                    <th scope="row" className="py-3 pr-4 font-normal">
                      <span className="font-semibold">{label}</span>
                      {user.name && <span className="block text-muted">{user.email}</span>}
                      {user.id === me.id && <span className="block text-muted">(you)</span>}
                    </th>
                    <td className="py-3 pr-4">{ROLE_LABELS[user.role]}</td>
                    <td className="py-3 pr-4">{STAFF_STATUS_LABELS[user.status]}</td>
                    <td className="py-3 pr-4">
                      {user.lastSignInAt ? (
                        <time dateTime={user.lastSignInAt.toISOString()}>{formatAdminDateTime(user.lastSignInAt)}</time>
                      ) : (
                        "Never"
                      )}
                    </td>
                    <td className="py-3">
                      <UserRowActions
                        userId={user.id}
                        label={label}
                        role={user.role}
                        disabled={user.status === "disabled"}
                        isSelf={user.id === me.id}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
