import type { Metadata } from "next";
import { Forbidden } from "@/components/admin/forbidden";

export const metadata: Metadata = { title: "Access denied", robots: { index: false, follow: false } };

/** HTTP 403: a signed-in staff member whose role does not allow the page (lib/auth/session.ts). */
export default function ForbiddenPage() {
  return <Forbidden />;
}
