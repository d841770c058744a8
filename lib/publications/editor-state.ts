/** What the editor loads: a publication's fields in the shape a save sends them, plus its state. */
import "server-only";
import type { DatabaseClient } from "@/lib/db-client";
import { mediaUrl } from "@/lib/format/paths";
import type { PublicationFields } from "@/lib/validations/publication";

const editorSelect = {
  id: true,
  title: true,
  slug: true,
  summary: true,
  bodyJson: true,
  status: true,
  version: true,
  publishedAt: true,
  updatedAt: true,
  deletedAt: true,
  createdById: true,
  typeId: true,
  seriesId: true,
  featuredImageId: true,
  featuredImageCaption: true,
  featuredImageCredit: true,
  pdfId: true,
  seoTitle: true,
  seoDescription: true,
  seoImageUrl: true,
  featuredImage: { select: { storageKey: true, alt: true, filename: true } },
  pdf: { select: { storageKey: true, filename: true } },
  categories: { select: { categoryId: true } },
  authors: {
    orderBy: { position: "asc" as const },
    select: { author: { select: { id: true, name: true, userId: true } } },
  },
};

type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

function load(database: DatabaseClient, id: number) {
  return database.publication.findFirst({ where: { id, deletedAt: null }, select: editorSelect });
}

function fieldsOf(publication: Loaded): PublicationFields {
  return {
    title: publication.title,
    slug: publication.slug,
    summary: publication.summary,
    typeId: publication.typeId,
    seriesId: publication.seriesId,
    categoryIds: publication.categories.map(({ categoryId }) => categoryId),
    authors: publication.authors.map(({ author }) => ({ id: author.id })),
    featuredImageId: publication.featuredImageId,
    featuredImageCaption: publication.featuredImageCaption,
    featuredImageCredit: publication.featuredImageCredit,
    pdfId: publication.pdfId,
    publishAt: publication.publishedAt?.toISOString() ?? null,
    seoTitle: publication.seoTitle,
    seoDescription: publication.seoDescription,
    seoImageUrl: publication.seoImageUrl,
    bodyJson: publication.bodyJson,
  };
}

export async function editorFieldsOf(database: DatabaseClient, id: number): Promise<PublicationFields | null> {
  const publication = await load(database, id);
  return publication ? fieldsOf(publication) : null;
}

export type EditorState = {
  id: number;
  fields: PublicationFields;
  status: Loaded["status"];
  version: number;
  updatedAt: string;
  createdById: number | null;
  authorUserIds: number[];
  authorNames: Record<number, string>;
  featuredImage: { url: string; alt: string; filename: string } | null;
  pdf: { url: string; filename: string } | null;
};

export async function loadEditorState(database: DatabaseClient, id: number): Promise<EditorState | null> {
  const publication = await load(database, id);
  if (!publication) return null;
  return {
    id: publication.id,
    fields: fieldsOf(publication),
    status: publication.status,
    version: publication.version,
    updatedAt: publication.updatedAt.toISOString(),
    createdById: publication.createdById,
    authorUserIds: publication.authors.flatMap(({ author }) => (author.userId ? [author.userId] : [])),
    authorNames: Object.fromEntries(publication.authors.map(({ author }) => [author.id, author.name])),
    featuredImage: publication.featuredImage
      ? {
          url: mediaUrl(publication.featuredImage.storageKey),
          alt: publication.featuredImage.alt,
          filename: publication.featuredImage.filename,
        }
      : null,
    pdf: publication.pdf ? { url: mediaUrl(publication.pdf.storageKey), filename: publication.pdf.filename } : null,
  };
}

/** The choices the form offers: types, series, categories and authors. */
export async function loadEditorOptions(database: DatabaseClient) {
  const [types, series, categories, authors] = await Promise.all([
    database.publicationType.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true, slug: true } }),
    database.series.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    database.category.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    database.author.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, userId: true } }),
  ]);
  return { types, series, categories, authors };
}

export type EditorOptions = Awaited<ReturnType<typeof loadEditorOptions>>;
