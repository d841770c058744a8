import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { exportEventRegistrations } from "@/lib/events/registration-admin";
import { refusalResponse } from "@/lib/http/respond";
import { refuse } from "@/lib/result";
import { databaseIdSchema } from "@/lib/validations/common";

/**
 * GET /admin/events/[id]/export: one event's registrations as CSV (audited: it hands out
 * personal data). A download changes nothing else, so GET.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await authorize("events.manage");
  if (!access.ok) return refusalResponse(access);
  const id = databaseIdSchema.safeParse((await params).id);
  if (!id.success) return refusalResponse(refuse(404, "There is no such event."));
  const exported = await exportEventRegistrations(db, id.data, access.user.id);
  if (!exported) return refusalResponse(refuse(404, "There is no such event."));
  return new Response(exported.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="registrations-${exported.slug}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
