import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { refusalResponse } from "@/lib/http/respond";
import { parseSubscriberQuery } from "@/lib/subscribers/admin";
import { subscriberCsvStream } from "@/lib/subscribers/export";
import { formatIsoDate } from "@/lib/format/dates";

/**
 * GET /admin/subscribers/export: the list (with the page's filters) as CSV, streamed a
 * page of rows at a time. A download changes nothing, so GET is right; it is guarded like
 * every staff route and logged, as it hands out personal data.
 */
export async function GET(request: Request) {
  const access = await authorize("subscribers.manage");
  if (!access.ok) return refusalResponse(access);
  const { user } = access;
  const query = parseSubscriberQuery(Object.fromEntries(new URL(request.url).searchParams));
  await db.auditLog.create({
    data: { actorId: user.id, action: "subscriber.export", entityType: "Subscriber", details: { ...query } },
  });
  const stamp = formatIsoDate(new Date());
  return new Response(subscriberCsvStream(db, query), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="subscribers-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
