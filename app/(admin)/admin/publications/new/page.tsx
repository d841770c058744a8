import type { Metadata } from "next";
import Link from "next/link";
import { PublicationForm } from "@/components/admin/publication-editor/publication-form";
import { requirePermission } from "@/lib/auth/session";
import { EMPTY_BODY } from "@/lib/content/schema";
import { db } from "@/lib/db";
import { loadEventEditorState } from "@/lib/events/editor-state";
import { loadEditorOptions } from "@/lib/publications/editor-state";

export const metadata: Metadata = { title: "New publication" };

export default async function NewPublicationPage() {
  const user = await requirePermission("content.write", "/admin/publications/new");
  const [options, event] = await Promise.all([loadEditorOptions(db), loadEventEditorState(db, null)]);
  // An author writing is credited by default.
  const ownAuthor = options.authors.find((author) => author.userId === user.id);
  return (
    <>
      <p className="text-sm">
        <Link href="/admin/publications" className="text-accent underline">
          ← Publications
        </Link>
      </p>
      <h1 className="mb-6 mt-2 text-2xl font-bold">New publication</h1>
      <PublicationForm
        user={{ id: user.id, role: user.role }}
        publication={null}
        options={options}
        event={event}
        fields={{
          title: "",
          slug: "",
          summary: "",
          typeId: options.types[0]?.id ?? 0,
          seriesId: null,
          categoryIds: [],
          authors: ownAuthor ? [{ id: ownAuthor.id, name: ownAuthor.name }] : [],
          featuredImageId: null,
          featuredImageCaption: "",
          featuredImageCredit: "",
          pdfId: null,
          publishAt: null,
          seoTitle: null,
          seoDescription: null,
          seoImageUrl: null,
          bodyJson: EMPTY_BODY,
        }}
      />
    </>
  );
}
