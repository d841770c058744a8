-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "Page" (
    "id" SERIAL NOT NULL,
    "path" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "parentId" INTEGER,
    "title" TEXT NOT NULL,
    "bodyJson" JSONB NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "status" "PublicationStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "menuOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Page_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WordPressImport" (
    "id" SERIAL NOT NULL,
    "filename" TEXT NOT NULL,
    "sourcePath" TEXT,
    "uploadsDir" TEXT,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "bytesRead" BIGINT NOT NULL DEFAULT 0,
    "totalBytes" BIGINT NOT NULL DEFAULT 0,
    "itemsProcessed" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "report" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "WordPressImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WordPressItem" (
    "kind" TEXT NOT NULL,
    "wordPressId" TEXT NOT NULL,
    "guid" TEXT,
    "targetId" INTEGER,
    "sourceHash" TEXT NOT NULL,
    "importedVersion" INTEGER,
    "details" JSONB NOT NULL DEFAULT '{}',
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WordPressItem_pkey" PRIMARY KEY ("kind","wordPressId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Page_path_key" ON "Page"("path");

-- CreateIndex
CREATE INDEX "Page_parentId_idx" ON "Page"("parentId");

-- CreateIndex
CREATE INDEX "WordPressItem_guid_idx" ON "WordPressItem"("guid");

-- AddForeignKey
ALTER TABLE "Page" ADD CONSTRAINT "Page_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Page"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Site search: a publication's keywords (WordPress tags) are matched and ranked as its names
-- (authors, topics, series, type) are. Same function as in the search migration, one column more
-- (and, as there, new words join the vocabulary that corrects typos).
CREATE OR REPLACE FUNCTION search_refresh(publication_ids integer[], reparse boolean) RETURNS void
LANGUAGE sql SET search_path FROM CURRENT AS $$
  INSERT INTO "SearchDocument" AS d
    ("publicationId", visible, "publishedAt", "typeId", "seriesId", year, "categoryIds", "authorIds", head, body)
  SELECT source.id, source.visible, source."publishedAt", source."typeId", source."seriesId",
         extract(year FROM source."publishedAt")::int, source.category_ids, source.author_ids,
         CASE WHEN source.visible THEN search_head_vector(source.title, source.names, source.summary) END,
         CASE WHEN source.visible THEN
           CASE WHEN reparse OR source.old_body IS NULL
                THEN search_text_vector(source.title, source.summary, source."bodyHtml")
                ELSE ts_filter(source.old_body, '{d}') END
           || setweight(to_tsvector('quire_english', source.names), 'A')
           || search_sample_markers(source.id)
         END
    FROM (
      SELECT p.id, p.title, p.summary, p."bodyHtml", p."publishedAt", p."typeId", p."seriesId",
             p.status = 'PUBLISHED' AND p."deletedAt" IS NULL AS visible,
             coalesce(authors.ids, '{}') AS author_ids,
             coalesce(categories.ids, '{}') AS category_ids,
             concat_ws(' ', authors.names, categories.names, s.name, t.name, array_to_string(p.keywords, ' ')) AS names,
             existing.body AS old_body
        FROM "Publication" p
        JOIN "PublicationType" t ON t.id = p."typeId"
        LEFT JOIN "Series" s ON s.id = p."seriesId"
        LEFT JOIN "SearchDocument" existing ON existing."publicationId" = p.id
        LEFT JOIN LATERAL (
          SELECT array_agg(a.id ORDER BY pa.position) AS ids, string_agg(a.name, ' ' ORDER BY pa.position) AS names
            FROM "PublicationAuthor" pa JOIN "Author" a ON a.id = pa."authorId"
           WHERE pa."publicationId" = p.id
        ) authors ON true
        LEFT JOIN LATERAL (
          SELECT array_agg(c.id ORDER BY c.id) AS ids, string_agg(c.name, ' ' ORDER BY c.id) AS names
            FROM "PublicationCategory" pc JOIN "Category" c ON c.id = pc."categoryId"
           WHERE pc."publicationId" = p.id
        ) categories ON true
       WHERE p.id = ANY (publication_ids)
    ) source
  ON CONFLICT ("publicationId") DO UPDATE SET
    visible = EXCLUDED.visible, "publishedAt" = EXCLUDED."publishedAt", "typeId" = EXCLUDED."typeId",
    "seriesId" = EXCLUDED."seriesId", year = EXCLUDED.year, "categoryIds" = EXCLUDED."categoryIds",
    "authorIds" = EXCLUDED."authorIds", head = EXCLUDED.head, body = EXCLUDED.body;

  -- New words of public titles and summaries join the vocabulary at once; their counts
  -- are exact after search_rebuild_vocabulary() and a lower bound in between.
  INSERT INTO "SearchTerm" (term, kind, display, documents)
  SELECT word, 'word', word, 1
    FROM (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('quire_words', concat_ws(' ', p.title, left(p.summary, 5000))))) AS word
            FROM "Publication" p
           WHERE reparse AND p.id = ANY (publication_ids) AND p.status = 'PUBLISHED' AND p."deletedAt" IS NULL) words
   WHERE word ~ '^[[:alpha:]][[:alpha:]''-]{2,40}$'
  ON CONFLICT (term, kind) DO NOTHING;
$$;

DROP TRIGGER search_publication_updated ON "Publication";
CREATE TRIGGER search_publication_updated AFTER UPDATE ON "Publication"
  FOR EACH ROW
  WHEN ((OLD.title, OLD.summary, OLD."bodyHtml", OLD.status, OLD."deletedAt", OLD."publishedAt", OLD."typeId", OLD."seriesId", OLD.keywords)
        IS DISTINCT FROM (NEW.title, NEW.summary, NEW."bodyHtml", NEW.status, NEW."deletedAt", NEW."publishedAt", NEW."typeId", NEW."seriesId", NEW.keywords))
  EXECUTE FUNCTION search_publication_updated();
