-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- CreateTable
CREATE TABLE "SearchIndexChange" (
    "publicationId" INTEGER NOT NULL,

    CONSTRAINT "SearchIndexChange_pkey" PRIMARY KEY ("publicationId")
);

-- ---------------------------------------------------------------------------------------
-- Rebuilding the search index in the background (lib/search/reindex.ts, npm run
-- search:reindex): a complete new "SearchDocument" is built beside the live one, as
-- "SearchDocument_next", while the live one keeps answering and the triggers keep it
-- current; then the two are swapped in one short transaction.
-- ---------------------------------------------------------------------------------------

-- A publication's search row as search_refresh writes it, for any table that holds them.
-- old_body is the row's current body vector (reparse = false keeps its text part).
CREATE FUNCTION search_document_rows(publication_ids integer[], reparse boolean)
RETURNS TABLE ("publicationId" integer, visible boolean, "publishedAt" timestamp(3), "typeId" integer,
               "seriesId" integer, year integer, "categoryIds" integer[], "authorIds" integer[],
               head tsvector, body tsvector, pdf tsvector)
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
  SELECT source.id, source.visible, source."publishedAt", source."typeId", source."seriesId",
         extract(year FROM source."publishedAt")::int, source.category_ids, source.author_ids,
         CASE WHEN source.visible THEN search_head_vector(source.title, source.names, source.summary) END,
         CASE WHEN source.visible THEN
           CASE WHEN reparse OR source.old_body IS NULL
                THEN search_text_vector(source.title, source.summary, source."bodyHtml")
                ELSE ts_filter(source.old_body, '{d}') END
           || setweight(to_tsvector('quire_english', source.names), 'A')
           || search_sample_markers(source.id)
         END,
         CASE WHEN source.visible THEN search_pdf_vector(source.pdf_words, source.id) END
    FROM (
      SELECT p.id, p.title, p.summary, p."bodyHtml", p."publishedAt", p."typeId", p."seriesId",
             p.status = 'PUBLISHED' AND p."deletedAt" IS NULL AS visible,
             coalesce(authors.ids, '{}') AS author_ids,
             coalesce(categories.ids, '{}') AS category_ids,
             concat_ws(' ', authors.names, categories.names, s.name, t.name, array_to_string(p.keywords, ' ')) AS names,
             CASE WHEN NOT reparse THEN (SELECT existing.body FROM "SearchDocument" existing WHERE existing."publicationId" = p.id) END AS old_body,
             pdf."searchWords" AS pdf_words
        FROM "Publication" p
        JOIN "PublicationType" t ON t.id = p."typeId"
        LEFT JOIN "Series" s ON s.id = p."seriesId"
        LEFT JOIN "Media" pdf ON pdf.id = p."pdfId"
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
$$;

-- Same as in the pdf_text migration, its rows now from search_document_rows.
CREATE OR REPLACE FUNCTION search_refresh(publication_ids integer[], reparse boolean) RETURNS void
LANGUAGE sql SET search_path FROM CURRENT AS $$
  INSERT INTO "SearchDocument" AS d
    ("publicationId", visible, "publishedAt", "typeId", "seriesId", year, "categoryIds", "authorIds", head, body, pdf)
  SELECT * FROM search_document_rows(publication_ids, reparse)
  ON CONFLICT ("publicationId") DO UPDATE SET
    visible = EXCLUDED.visible, "publishedAt" = EXCLUDED."publishedAt", "typeId" = EXCLUDED."typeId",
    "seriesId" = EXCLUDED."seriesId", year = EXCLUDED.year, "categoryIds" = EXCLUDED."categoryIds",
    "authorIds" = EXCLUDED."authorIds", head = EXCLUDED.head, body = EXCLUDED.body, pdf = EXCLUDED.pdf;

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

-- While a new index is being built (its table exists), every search row written to the
-- live table, by whatever trigger, names its publication in "SearchIndexChange"; the
-- rebuild replays those into the new table before the swap, so no edit is lost.
CREATE FUNCTION search_document_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF to_regclass('"SearchDocument_next"') IS NOT NULL THEN
    INSERT INTO "SearchIndexChange" ("publicationId")
    SELECT DISTINCT "publicationId" FROM changed
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER search_document_inserted AFTER INSERT ON "SearchDocument"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_document_changed();
CREATE TRIGGER search_document_updated AFTER UPDATE ON "SearchDocument"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_document_changed();
CREATE TRIGGER search_document_deleted AFTER DELETE ON "SearchDocument"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_document_changed();
