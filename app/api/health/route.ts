import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

const HEALTH_CHECK_TIMEOUT_MS = 3000;

/** 200 when the database answers, 503 otherwise (for load balancers and uptime checks). */
export async function GET() {
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), HEALTH_CHECK_TIMEOUT_MS)),
    ]);
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
