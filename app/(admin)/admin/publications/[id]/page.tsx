import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { JSONContent } from "@tiptap/react";
import { PublicationForm } from "@/components/admin/publication-editor/publication-form";
import { canEditPublication } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { STATUS_LABELS } from "@/lib/publications/workflow-rules";
import { databaseIdSchema } from "@/lib/validations/common";
import { db } from "@/lib/db";
import { loadEventEditorState } from "@/lib/events/editor-state";
import { loadEditorOptions, loadEditorState } from "@/lib/publications/editor-state";
import { createPreviewToken } from "@/lib/publications/preview";

export const metadata: Metadata = { title: "Edit publication" };

export default async function EditPublicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const user = await requirePermission("content.write", `/admin/publications/${encodeURIComponent(rawId)}`);
  const id = databaseIdSchema.safeParse(rawId);
  if (!id.success) notFound();
  const [state, options, event] = await Promise.all([
    loadEditorState(db, id.data),
    loadEditorOptions(db),
    loadEventEditorState(db, id.data),
  ]);
  if (!state) notFound();
  const back = (
    <p className="text-sm">
      <Link href="/admin/publications" className="text-accent underline">
        ← Publications
      </Link>
    </p>
  );
  if (!canEditPublication(user, state)) {
    return (
      <>
        {back}
        <h1 className="mt-2 text-2xl font-bold">{state.fields.title}</h1>
        <p className="mt-4">
          {STATUS_LABELS[state.status]}: only editors can change a publication once it is scheduled or published, and
          authors edit only their own work.
        </p>
      </>
    );
  }
  const authorNames = state.authorNames;
  return (
    <>
      {back}
      <h1 className="mb-6 mt-2 text-2xl font-bold">Edit publication</h1>
      <PublicationForm
        user={{ id: user.id, role: user.role }}
        options={options}
        event={event}
        publication={{
          id: state.id,
          status: state.status,
          version: state.version,
          createdById: state.createdById,
          authorUserIds: state.authorUserIds,
          previewUrl: `/preview/${createPreviewToken(state.id)}`,
          featuredImage: state.featuredImage,
          pdf: state.pdf,
        }}
        fields={{
          ...state.fields,
          authors: state.fields.authors.map((credit) =>
            "id" in credit ? { id: credit.id, name: authorNames[credit.id] ?? "" } : credit,
          ),
          bodyJson: state.fields.bodyJson as JSONContent,
        }}
      />
    </>
  );
}
