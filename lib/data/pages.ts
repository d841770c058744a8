/**
 * Simple pages (/about, /about/staff) as the public sees them: published and due
 * (publicPageWhere), never under a reserved first segment.
 */
import { db } from "@/lib/db";
import { pagePathSchema } from "@/lib/validations/page-path";
import { publicPageWhere } from "./visibility";

export type PublicPage = { path: string; title: string; bodyHtml: string; updatedAt: Date };

export async function getPublicPage(segments: readonly string[]): Promise<PublicPage | null> {
  const path = pagePathSchema.safeParse(segments.join("/"));
  if (!path.success) return null;
  return db.page.findFirst({
    where: { path: path.data, ...publicPageWhere() },
    select: { path: true, title: true, bodyHtml: true, updatedAt: true },
  });
}
