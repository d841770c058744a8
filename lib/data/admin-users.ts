import "server-only";
import type { DatabaseClient } from "@/lib/db-client";

export type StaffStatus = "active" | "invited" | "disabled";

export const STAFF_STATUS_LABELS: Record<StaffStatus, string> = {
  active: "Active",
  invited: "Invited",
  disabled: "Disabled",
};

/** Every staff account for /admin/users, admins first, then by name. */
export async function listStaff(database: DatabaseClient) {
  const users = await database.user.findMany({
    orderBy: [{ role: "asc" }, { name: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      invitedAt: true,
      lastSignInAt: true,
      createdAt: true,
      twoFactor: { select: { enabledAt: true } },
    },
  });
  return users.map(({ twoFactor, ...user }) => ({
    ...user,
    secondFactor: Boolean(twoFactor?.enabledAt),
    status: (user.disabledAt ? "disabled" : user.invitedAt && !user.lastSignInAt ? "invited" : "active") as StaffStatus,
  }));
}
