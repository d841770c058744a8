/**
 * The publishing workflow, in one table: which action moves a publication from which
 * statuses to which, and who may take it.
 *
 *   draft → in review (author submits) → scheduled (editor picks a future time)
 *         → published → archived;  unpublish returns to draft;
 *   trash (deletedAt) is restorable for TRASH_RETENTION_DAYS, then purged.
 *
 * "publisher" actions need content.publish (editors, admins); "owner" actions are also
 * open to an author for their own draft or in-review work (canEditPublication).
 * Pure, so the editor shows exactly the buttons the server will accept.
 */
import { can, canEditPublication } from "@/lib/auth/permissions";
import type { PublicationStatus, Role } from "@/lib/generated/prisma/client";
import { PUBLICATION_STATUSES, type WorkflowAction } from "@/lib/validations/publication";

export const STATUS_LABELS: Record<PublicationStatus, string> = {
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  SCHEDULED: "Scheduled",
  PUBLISHED: "Published",
  ARCHIVED: "Archived",
};

export const TRASH_RETENTION_DAYS = 30;
export const DAY_MS = 24 * 60 * 60 * 1000;

type Rule = {
  from: readonly PublicationStatus[];
  to: PublicationStatus | "trash" | "restore";
  who: "publisher" | "owner";
  label: string;
};

const ALL = PUBLICATION_STATUSES;

export const WORKFLOW: Record<WorkflowAction, Rule> = {
  submit: { from: ["DRAFT"], to: "IN_REVIEW", who: "owner", label: "Submit for review" },
  schedule: { from: ["DRAFT", "IN_REVIEW", "SCHEDULED"], to: "SCHEDULED", who: "publisher", label: "Schedule" },
  publish: {
    from: ["DRAFT", "IN_REVIEW", "SCHEDULED", "ARCHIVED"],
    to: "PUBLISHED",
    who: "publisher",
    label: "Publish",
  },
  unpublish: {
    from: ["IN_REVIEW", "SCHEDULED", "PUBLISHED", "ARCHIVED"],
    to: "DRAFT",
    who: "publisher",
    label: "Unpublish",
  },
  archive: { from: ["PUBLISHED"], to: "ARCHIVED", who: "publisher", label: "Archive" },
  trash: { from: ALL, to: "trash", who: "owner", label: "Move to trash" },
  restore: { from: ALL, to: "restore", who: "owner", label: "Restore" },
};

type Subject = {
  status: PublicationStatus;
  createdById: number | null;
  authorUserIds: number[];
  deletedAt: Date | null;
};

/** Whether `user` may take `action` on a publication in its current state. */
export function mayTransition(user: { id: number; role: Role }, action: WorkflowAction, publication: Subject): boolean {
  const rule = WORKFLOW[action];
  if (!rule.from.includes(publication.status)) return false;
  if ((action === "restore") !== (publication.deletedAt !== null)) return false;
  if (rule.who === "publisher") return can(user.role, "content.publish");
  return canEditPublication(user, publication);
}

/** The actions the editor offers this user for this publication. */
export function availableActions(user: { id: number; role: Role }, publication: Subject): WorkflowAction[] {
  return (Object.keys(WORKFLOW) as WorkflowAction[]).filter((action) => mayTransition(user, action, publication));
}
