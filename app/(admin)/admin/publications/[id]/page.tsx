import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRoleFrom } from "@/lib/auth/session";
import { getAdminPublication, publicationIdSchema, STATUS_LABELS } from "@/lib/data/admin-publications";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Edit publication" };

export default async function EditPublicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  await requireRoleFrom(`/admin/publications/${encodeURIComponent(rawId)}`);
  const id = publicationIdSchema.safeParse(rawId);
  if (!id.success) notFound();
  const publication = await getAdminPublication(db, id.data);
  if (!publication) notFound();
  return (
    <>
      <p className="text-sm">
        <Link href="/admin/publications" className="text-accent underline">
          ← Publications
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{publication.title}</h1>
      <p className="mt-2 text-muted">
        {publication.type.name} · {STATUS_LABELS[publication.status]}
      </p>
      <p className="mt-6">Editing comes next.</p>
    </>
  );
}
