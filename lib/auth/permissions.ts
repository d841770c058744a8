/**
 * Who may do what in the staff area: the one table every page, server action and route
 * handler consults (through `can`), and the role-matrix tests walk.
 * ADMIN: everything. EDITOR: all content, publishing, subscribers. AUTHOR: their own drafts.
 * What could let one staff member act as another (the outbox, with the links emailed to
 * others) or watch them (the audit log) is the admins' alone.
 */
import type { Role } from "@/lib/generated/prisma/client";

const PERMISSIONS = {
  /**
   * One's own account (/admin/account): the second factor, signing out everywhere. The one
   * permission a person who must still set up a second factor has (lib/auth/session.ts).
   */
  "account.manage": ["ADMIN", "EDITOR", "AUTHOR"],
  /** Open the staff area, create drafts, upload media, edit one's own unpublished work. */
  "content.write": ["ADMIN", "EDITOR", "AUTHOR"],
  /** Edit, publish, schedule, unpublish, archive, trash and restore anyone's publications. */
  "content.publish": ["ADMIN", "EDITOR"],
  /** Authors, categories and series: create, edit, merge, delete. */
  "taxonomy.manage": ["ADMIN", "EDITOR"],
  /** Subscribers, imports, exports, erasure and digests. */
  "subscribers.manage": ["ADMIN", "EDITOR"],
  /** Event registrations (/admin/events): lists, CSV export, check-in, emails to registrants. */
  "events.manage": ["ADMIN", "EDITOR"],
  /** The outbox: every email the site wrote there (their links' secrets redacted), each view audited. */
  "outbox.read": ["ADMIN"],
  /** Search: top and zero-result searches, and the synonyms searches are widened with (/admin/search). */
  "search.insights": ["ADMIN", "EDITOR"],
  /** Staff accounts: invite, change role, disable, reset a password or a second factor. */
  "users.manage": ["ADMIN"],
  /** Site settings (mail sender, blocked domains, the audit log's retention, requiring a second factor). */
  "settings.manage": ["ADMIN"],
  /** The audit log: who did and read what, and every sign-in. */
  "audit.read": ["ADMIN"],
  /** The full export (/admin/export): every publication, subscriber and setting, and the WXR file. */
  "site.export": ["ADMIN"],
  /** Importing a WordPress site (/admin/import): it writes publications, pages, authors and topics in bulk. */
  "import.manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/**
 * Whether a user may edit a given publication: editors and admins any; an author only one
 * they created or are credited on, and only while it is not yet published.
 */
export function canEditPublication(
  user: { id: number; role: Role },
  publication: { createdById: number | null; authorUserIds: number[]; status: string },
): boolean {
  if (can(user.role, "content.publish")) return true;
  const own = publication.createdById === user.id || publication.authorUserIds.includes(user.id);
  return own && (publication.status === "DRAFT" || publication.status === "IN_REVIEW");
}
