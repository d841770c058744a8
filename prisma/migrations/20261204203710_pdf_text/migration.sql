-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "textError" TEXT,
ADD COLUMN     "textReadAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SearchDocument" ADD COLUMN     "pdf" tsvector;

-- CreateTable
CREATE TABLE "MediaPage" (
    "mediaId" INTEGER NOT NULL,
    "page" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "vector" tsvector,

    CONSTRAINT "MediaPage_pkey" PRIMARY KEY ("mediaId","page")
);

-- CreateIndex
CREATE INDEX "SearchDocument_pdf_idx" ON "SearchDocument" USING GIN ("pdf");

-- AddForeignKey
ALTER TABLE "MediaPage" ADD CONSTRAINT "MediaPage_mediaId_fkey" FOREIGN KEY ("mediaId") REFERENCES "Media"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "searchWords" tsvector;

-- ---------------------------------------------------------------------------------------
-- Site search reads publications' PDF reports. The app stores a PDF's text page by page in
-- "MediaPage" (lib/media/pdf-text.ts); the triggers below give each page its vector, the
-- PDF its distinct words ("Media"."searchWords"), and the search row of every publication
-- that attaches it a "pdf" vector: matched as the body is, ranked below it
-- (lib/search/postgres-engine.ts).
-- ---------------------------------------------------------------------------------------

-- A page's words with their positions: which page matched, and its snippet. A page is
-- indexed up to 100,000 characters (a tsvector is capped at 1 MB).
CREATE FUNCTION search_media_page_vector() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  NEW.vector := to_tsvector('quire_english', left(NEW.text, 100000));
  RETURN NEW;
END $$;

CREATE TRIGGER search_media_page_vector BEFORE INSERT OR UPDATE OF text ON "MediaPage"
  FOR EACH ROW EXECUTE FUNCTION search_media_page_vector();

-- A PDF's distinct words, without positions, earliest pages first, up to 900,000 bytes of
-- words: a tsvector holds at most 1 MB of them, and a long or garbled PDF must not make
-- saving fail. NULL when it has no text.
CREATE FUNCTION search_pdf_words(media_id integer) RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT array_to_tsvector(array_agg(lexeme))
    FROM (
      SELECT lexeme, sum(octet_length(lexeme) + 1) OVER (ORDER BY first_page, lexeme) AS bytes
        FROM (
          SELECT word.lexeme, min(mp.page) AS first_page
            FROM "MediaPage" mp, unnest(mp.vector) AS word
           WHERE mp."mediaId" = media_id
           GROUP BY word.lexeme
        ) words
    ) counted
   WHERE bytes <= 900000
$$;

CREATE FUNCTION search_media_pages_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE "Media" SET "searchWords" = search_pdf_words(id)
   WHERE id IN (SELECT "mediaId" FROM changed);
  RETURN NULL;
END $$;

-- Per statement: a PDF's pages are written together.
CREATE TRIGGER search_media_pages_added AFTER INSERT ON "MediaPage"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_media_pages_changed();
CREATE TRIGGER search_media_pages_removed AFTER DELETE ON "MediaPage"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_media_pages_changed();

-- A search row's PDF vector: the PDF's words and the sample markers (so that sampled counts
-- see PDF matches), for visible publications only.
CREATE FUNCTION search_pdf_vector(words tsvector, publication_id integer) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN words IS NULL OR words = ''::tsvector THEN NULL ELSE words || search_sample_markers(publication_id) END
$$;

-- The PDF's words changed: the search rows of the publications attaching it follow.
CREATE FUNCTION search_media_words_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE "SearchDocument" d SET pdf = CASE WHEN d.visible THEN search_pdf_vector(NEW."searchWords", d."publicationId") END
    FROM "Publication" p
   WHERE p."pdfId" = NEW.id AND d."publicationId" = p.id;
  RETURN NULL;
END $$;

CREATE TRIGGER search_media_words_changed AFTER UPDATE OF "searchWords" ON "Media"
  FOR EACH ROW WHEN (OLD."searchWords" IS DISTINCT FROM NEW."searchWords") EXECUTE FUNCTION search_media_words_changed();

-- Same function as in the wordpress_import migration, with the PDF vector copied from the
-- attached PDF's words (never parsed again here, so saving a long report's publication
-- costs no more than before).
CREATE OR REPLACE FUNCTION search_refresh(publication_ids integer[], reparse boolean) RETURNS void
LANGUAGE sql SET search_path FROM CURRENT AS $$
  INSERT INTO "SearchDocument" AS d
    ("publicationId", visible, "publishedAt", "typeId", "seriesId", year, "categoryIds", "authorIds", head, body, pdf)
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
             existing.body AS old_body,
             pdf."searchWords" AS pdf_words
        FROM "Publication" p
        JOIN "PublicationType" t ON t.id = p."typeId"
        LEFT JOIN "Series" s ON s.id = p."seriesId"
        LEFT JOIN "Media" pdf ON pdf.id = p."pdfId"
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

-- Attaching another PDF (or none) refreshes the row too.
DROP TRIGGER search_publication_updated ON "Publication";
CREATE TRIGGER search_publication_updated AFTER UPDATE ON "Publication"
  FOR EACH ROW
  WHEN ((OLD.title, OLD.summary, OLD."bodyHtml", OLD.status, OLD."deletedAt", OLD."publishedAt", OLD."typeId", OLD."seriesId", OLD.keywords, OLD."pdfId")
        IS DISTINCT FROM (NEW.title, NEW.summary, NEW."bodyHtml", NEW.status, NEW."deletedAt", NEW."publishedAt", NEW."typeId", NEW."seriesId", NEW.keywords, NEW."pdfId"))
  EXECUTE FUNCTION search_publication_updated();
