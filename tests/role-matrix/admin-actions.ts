/**
 * Every staff-area server action and route handler, with the permission it needs and how
 * to call it; tests/role-matrix.test.ts calls each one as every role and as nobody and
 * checks that those without the permission are refused and change nothing.
 *
 * To add an action: one entry { name, permission, invoke } where `invoke` calls it the way
 * its form or client does, against the fixture's rows (extend MatrixFixture if needed).
 */
import type { Permission } from "@/lib/auth/permissions";
import type { DatabaseClient } from "@/lib/db-client";

export type MatrixFixture = {
  /** An AUTHOR account the user-management actions act on. */
  userId: number;
  authorIds: [number, number];
  categoryIds: [number, number];
  seriesIds: [number, number];
};

export type AdminActionEntry = {
  name: string;
  permission: Permission;
  /** Runs the action in the current request scope; resolves to its result (or throws a redirect). */
  invoke: (fixture: MatrixFixture) => Promise<unknown>;
};

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, String(value));
  return data;
}

const users = () => import("@/lib/actions/users/manage-user");
const taxonomy = () => import("@/lib/actions/taxonomy/manage-term");

/** Accounts and access, authors/categories/series. */
export const ACCOUNT_AND_TAXONOMY_ACTIONS: AdminActionEntry[] = [
  {
    name: "invite a user",
    permission: "users.manage",
    invoke: async () => (await users()).inviteUserAction(null, form({ email: `invitee-${Math.random().toString(36).slice(2)}@example.org`, name: "Invitee", role: "EDITOR" })),
  },
  { name: "change a user's role", permission: "users.manage", invoke: async (f) => (await users()).changeUserRoleAction(null, form({ userId: f.userId, role: "ADMIN" })) },
  { name: "disable a user", permission: "users.manage", invoke: async (f) => (await users()).setUserDisabledAction(null, form({ userId: f.userId, disabled: "true" })) },
  { name: "send a user a reset link", permission: "users.manage", invoke: async (f) => (await users()).sendResetLinkAction(null, form({ userId: f.userId })) },
  { name: "sign a user out everywhere", permission: "users.manage", invoke: async (f) => (await users()).signOutUserEverywhereAction(null, form({ userId: f.userId })) },
  { name: "sign oneself out everywhere", permission: "content.write", invoke: async () => (await import("@/lib/actions/account/sign-out-everywhere")).signOutEverywhereAction() },
  ...(["author", "category", "series"] as const).flatMap((kind): AdminActionEntry[] => {
    const ids = (f: MatrixFixture) => (kind === "author" ? f.authorIds : kind === "category" ? f.categoryIds : f.seriesIds);
    const fields = { kind, slug: "", description: "", imageUrl: "", title: "", affiliation: "" };
    return [
      { name: `create a ${kind}`, permission: "taxonomy.manage", invoke: async () => (await taxonomy()).saveTermAction(null, form({ ...fields, name: `Matrix ${kind} ${Math.random()}` })) },
      { name: `edit a ${kind}`, permission: "taxonomy.manage", invoke: async (f) => (await taxonomy()).saveTermAction(null, form({ ...fields, id: ids(f)[0], name: `Renamed ${Math.random()}` })) },
      { name: `merge a ${kind}`, permission: "taxonomy.manage", invoke: async (f) => (await taxonomy()).mergeTermsAction(null, form({ kind, sourceId: ids(f)[0], targetId: ids(f)[1] })) },
      { name: `delete a ${kind}`, permission: "taxonomy.manage", invoke: async (f) => (await taxonomy()).deleteTermAction(null, form({ kind, id: ids(f)[0], targetId: ids(f)[1] })) },
    ];
  }),
];

/** The publication editor, media library, mailing list and digests: their entries join here at merge. */
export const OTHER_AREA_ACTIONS: AdminActionEntry[] = [];

export const ADMIN_ACTIONS: AdminActionEntry[] = [...ACCOUNT_AND_TAXONOMY_ACTIONS, ...OTHER_AREA_ACTIONS];

/** Fresh rows for one entry's calls, so an allowed call never depends on another's leftovers. */
export async function createMatrixFixture(database: DatabaseClient): Promise<MatrixFixture> {
  const tag = Math.random().toString(36).slice(2, 10);
  const user = await database.user.create({ data: { email: `matrix-${tag}@example.org`, name: "Matrix Target", role: "AUTHOR", passwordHash: "!unset" } });
  const pair = async (make: (index: number) => Promise<{ id: number }>) => [(await make(0)).id, (await make(1)).id] as [number, number];
  const authorIds = await pair((index) => database.author.create({ data: { name: `Matrix Author ${tag} ${index}`, slug: `matrix-author-${tag}-${index}` } }));
  const categoryIds = await pair((index) => database.category.create({ data: { name: `Matrix Topic ${tag} ${index}`, slug: `matrix-topic-${tag}-${index}` } }));
  const seriesIds = await pair((index) => database.series.create({ data: { name: `Matrix Series ${tag} ${index}`, slug: `matrix-series-${tag}-${index}` } }));
  return { userId: user.id, authorIds, categoryIds, seriesIds };
}
