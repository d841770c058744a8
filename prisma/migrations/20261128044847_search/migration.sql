-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- CreateTable
CREATE TABLE "SearchDocument" (
    "publicationId" INTEGER NOT NULL,
    "visible" BOOLEAN NOT NULL DEFAULT false,
    "publishedAt" TIMESTAMP(3),
    "typeId" INTEGER NOT NULL,
    "seriesId" INTEGER,
    "year" INTEGER,
    "categoryIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "authorIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "head" tsvector,
    "body" tsvector,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("publicationId")
);

-- CreateTable
CREATE TABLE "SearchTerm" (
    "term" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "display" TEXT NOT NULL,
    "slug" TEXT,
    "documents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SearchTerm_pkey" PRIMARY KEY ("term","kind")
);

-- CreateTable
CREATE TABLE "SearchLog" (
    "day" DATE NOT NULL,
    "query" TEXT NOT NULL,
    "searches" INTEGER NOT NULL DEFAULT 0,
    "zeroResults" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SearchLog_pkey" PRIMARY KEY ("day","query")
);

-- CreateIndex
CREATE INDEX "SearchDocument_head_idx" ON "SearchDocument" USING GIN ("head");

-- CreateIndex
CREATE INDEX "SearchDocument_body_idx" ON "SearchDocument" USING GIN ("body");

-- CreateIndex
CREATE INDEX "SearchDocument_categoryIds_idx" ON "SearchDocument" USING GIN ("categoryIds");

-- CreateIndex
CREATE INDEX "SearchDocument_authorIds_idx" ON "SearchDocument" USING GIN ("authorIds");

-- CreateIndex
CREATE INDEX "SearchDocument_visible_publishedAt_idx" ON "SearchDocument"("visible", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "SearchTerm_term_idx" ON "SearchTerm" USING GIN ("term" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "SearchDocument" ADD CONSTRAINT "SearchDocument_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------
-- Site search: custom SQL after Prisma's own statements above (Prisma's documented
-- workflow for what schema.prisma cannot express). "SearchDocument" holds one narrow row
-- per publication and "SearchTerm" the vocabulary; the triggers below keep both current
-- and the app never writes them. lib/search/postgres-engine.ts reads them.
-- ---------------------------------------------------------------------------------------

-- English stemming with accents folded (Rüdiger = Rudiger). Runs of Hangul, kana and Han
-- characters are "word" tokens to the default parser and english_stem keeps them whole,
-- so 김정은 and 平壌 are found as written.
CREATE TEXT SEARCH CONFIGURATION quire_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION quire_english ALTER MAPPING FOR word, hword, hword_part WITH unaccent, english_stem;

-- Unstemmed, unaccented, lower-cased words without English stop words: the vocabulary
-- that "Did you mean" takes corrections from.
CREATE TEXT SEARCH DICTIONARY quire_plain (TEMPLATE = simple, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION quire_words (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION quire_words
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, quire_plain;

-- Indexed text: title, summary and body. The parser skips HTML tags and entities, so the
-- stored HTML is indexed as it is. Bodies are indexed up to 200,000 characters: a
-- tsvector is capped at 1 MB, and a pasted book must not make saving fail.
CREATE FUNCTION search_text_vector(title text, summary text, body_html text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT to_tsvector('quire_english', concat_ws(' ', title, left(summary, 5000), left(body_html, 200000)))
$$;

-- The small vector ranking reads: title (A) over names (B: authors, topics, series, type)
-- over summary (C).
CREATE FUNCTION search_head_vector(title text, names text, summary text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT setweight(to_tsvector('quire_english', title), 'A')
      || setweight(to_tsvector('quire_english', names), 'B')
      || setweight(to_tsvector('quire_english', left(summary, 5000)), 'C')
$$;

-- A fixed, uniform sample of the archive: one publication in 16, and one in 256, carries a
-- marker lexeme that no query text can produce (it contains a space). Counting the matches
-- that also carry a marker estimates a large result set from a few hundred rows.
CREATE FUNCTION search_sample_markers(publication_id integer) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN hashint4(publication_id) & 255 = 0 THEN array_to_tsvector('{"~ 1/16","~ 1/256"}')
    WHEN hashint4(publication_id) & 15 = 0 THEN array_to_tsvector('{"~ 1/16"}')
    ELSE ''::tsvector
  END
$$;

-- Recomputes the search rows of the given publications from their current state.
-- reparse = false refreshes names, taxonomy and dates only: the body vector's text part
-- (weight D) is kept and its names part (weight A) replaced, so renaming a topic or adding
-- an author does not re-read bodies. Hidden publications keep no vectors at all, so no
-- query can match them.
CREATE FUNCTION search_refresh(publication_ids integer[], reparse boolean) RETURNS void
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
             concat_ws(' ', authors.names, categories.names, s.name, t.name) AS names,
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

-- Authors, topics and series are offered whole ("Rüdiger Hallstein", linked by slug), and
-- the words of their names join the vocabulary.
CREATE FUNCTION search_add_names(name_kind text, names text[], slugs text[]) RETURNS void
LANGUAGE sql SET search_path FROM CURRENT AS $$
  INSERT INTO "SearchTerm" (term, kind, display, slug, documents)
  SELECT DISTINCT ON (lower(unaccent(name))) lower(unaccent(name)), name_kind, name, slug, 0
    FROM unnest(names, slugs) AS named(name, slug)
  ON CONFLICT (term, kind) DO UPDATE SET display = EXCLUDED.display, slug = EXCLUDED.slug;
  INSERT INTO "SearchTerm" (term, kind, display, documents)
  SELECT DISTINCT word, 'word', word, 0
    FROM unnest(names) AS name, unnest(tsvector_to_array(to_tsvector('quire_words', name))) AS word
   WHERE word ~ '^[[:alpha:]][[:alpha:]''-]{2,40}$'
  ON CONFLICT (term, kind) DO NOTHING;
$$;

-- The vocabulary from scratch: every word of the public titles and summaries with the
-- number of publications using it (ts_stat), and the names of authors, topics and series.
CREATE FUNCTION search_rebuild_vocabulary() RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM "SearchTerm";
  INSERT INTO "SearchTerm" (term, kind, display, documents)
  SELECT word, 'word', word, ndoc
    FROM ts_stat($query$
      SELECT to_tsvector('quire_words', concat_ws(' ', title, left(summary, 5000))) FROM "Publication"
       WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL
    $query$)
   WHERE word ~ '^[[:alpha:]][[:alpha:]''-]{2,40}$';
  PERFORM search_add_names('author', ARRAY(SELECT name FROM "Author" ORDER BY id), ARRAY(SELECT slug FROM "Author" ORDER BY id));
  PERFORM search_add_names('category', ARRAY(SELECT name FROM "Category" ORDER BY id), ARRAY(SELECT slug FROM "Category" ORDER BY id));
  PERFORM search_add_names('series', ARRAY(SELECT name FROM "Series" ORDER BY id), ARRAY(SELECT slug FROM "Series" ORDER BY id));
END $$;

-- Every search row and the vocabulary, rebuilt: the backfill below, and a repair tool.
CREATE FUNCTION search_rebuild() RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  batch integer[];
BEGIN
  FOR batch IN
    SELECT array_agg(id) FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / 1000 AS chunk FROM "Publication") numbered
     GROUP BY chunk
  LOOP
    PERFORM search_refresh(batch, true);
  END LOOP;
  PERFORM search_rebuild_vocabulary();
END $$;

-- Triggers: search rows follow every change within the statement that makes it.

CREATE FUNCTION search_publications_inserted() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM search_refresh(ARRAY(SELECT id FROM inserted), true);
  RETURN NULL;
END $$;

-- Per statement: a bulk import refreshes its rows in one set-based pass.
CREATE TRIGGER search_publications_inserted AFTER INSERT ON "Publication"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION search_publications_inserted();

CREATE FUNCTION search_publication_updated() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM search_refresh(ARRAY[NEW.id],
    (OLD.title, OLD.summary, OLD."bodyHtml") IS DISTINCT FROM (NEW.title, NEW.summary, NEW."bodyHtml"));
  RETURN NULL;
END $$;

-- Per row, with a WHEN clause: saves that change nothing searchable cost nothing.
CREATE TRIGGER search_publication_updated AFTER UPDATE ON "Publication"
  FOR EACH ROW
  WHEN ((OLD.title, OLD.summary, OLD."bodyHtml", OLD.status, OLD."deletedAt", OLD."publishedAt", OLD."typeId", OLD."seriesId")
        IS DISTINCT FROM (NEW.title, NEW.summary, NEW."bodyHtml", NEW.status, NEW."deletedAt", NEW."publishedAt", NEW."typeId", NEW."seriesId"))
  EXECUTE FUNCTION search_publication_updated();
-- Deleting a publication deletes its search row through the foreign key's ON DELETE CASCADE.

-- Authors and topics of publications: one refresh per statement for every publication touched.
CREATE FUNCTION search_links_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM search_refresh(ARRAY(SELECT DISTINCT "publicationId" FROM added), false);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM search_refresh(ARRAY(SELECT DISTINCT "publicationId" FROM removed), false);
  ELSE
    PERFORM search_refresh(ARRAY(SELECT "publicationId" FROM added UNION SELECT "publicationId" FROM removed), false);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER search_authors_added AFTER INSERT ON "PublicationAuthor"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_links_changed();
CREATE TRIGGER search_authors_removed AFTER DELETE ON "PublicationAuthor"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_links_changed();
CREATE TRIGGER search_authors_changed AFTER UPDATE ON "PublicationAuthor"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_links_changed();
CREATE TRIGGER search_categories_added AFTER INSERT ON "PublicationCategory"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_links_changed();
CREATE TRIGGER search_categories_removed AFTER DELETE ON "PublicationCategory"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_links_changed();
CREATE TRIGGER search_categories_changed AFTER UPDATE ON "PublicationCategory"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_links_changed();

-- Authors, topics, series and types: the vocabulary's names, and on a rename the names in
-- their publications' vectors.
CREATE FUNCTION search_name_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  name_kind text := CASE TG_TABLE_NAME WHEN 'Author' THEN 'author' WHEN 'Category' THEN 'category' WHEN 'Series' THEN 'series' END;
BEGIN
  IF name_kind IS NOT NULL AND TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchTerm" WHERE kind = name_kind AND slug = OLD.slug;
  END IF;
  IF name_kind IS NOT NULL AND TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM search_add_names(name_kind, ARRAY[NEW.name], ARRAY[NEW.slug]);
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.name IS DISTINCT FROM NEW.name THEN
    PERFORM search_refresh(CASE TG_TABLE_NAME
      WHEN 'Author' THEN ARRAY(SELECT "publicationId" FROM "PublicationAuthor" WHERE "authorId" = NEW.id)
      WHEN 'Category' THEN ARRAY(SELECT "publicationId" FROM "PublicationCategory" WHERE "categoryId" = NEW.id)
      WHEN 'Series' THEN ARRAY(SELECT id FROM "Publication" WHERE "seriesId" = NEW.id)
      ELSE ARRAY(SELECT id FROM "Publication" WHERE "typeId" = NEW.id)
    END, false);
  END IF;
  RETURN NULL;
END $$;

-- The WHEN clauses make the seeder's upserts, which rewrite names unchanged, free.
CREATE TRIGGER search_author_added AFTER INSERT OR DELETE ON "Author"
  FOR EACH ROW EXECUTE FUNCTION search_name_changed();
CREATE TRIGGER search_author_renamed AFTER UPDATE OF name, slug ON "Author"
  FOR EACH ROW WHEN ((OLD.name, OLD.slug) IS DISTINCT FROM (NEW.name, NEW.slug)) EXECUTE FUNCTION search_name_changed();
CREATE TRIGGER search_category_added AFTER INSERT OR DELETE ON "Category"
  FOR EACH ROW EXECUTE FUNCTION search_name_changed();
CREATE TRIGGER search_category_renamed AFTER UPDATE OF name, slug ON "Category"
  FOR EACH ROW WHEN ((OLD.name, OLD.slug) IS DISTINCT FROM (NEW.name, NEW.slug)) EXECUTE FUNCTION search_name_changed();
CREATE TRIGGER search_series_added AFTER INSERT OR DELETE ON "Series"
  FOR EACH ROW EXECUTE FUNCTION search_name_changed();
CREATE TRIGGER search_series_renamed AFTER UPDATE OF name, slug ON "Series"
  FOR EACH ROW WHEN ((OLD.name, OLD.slug) IS DISTINCT FROM (NEW.name, NEW.slug)) EXECUTE FUNCTION search_name_changed();
CREATE TRIGGER search_type_renamed AFTER UPDATE OF name ON "PublicationType"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION search_name_changed();

-- Backfill what is already there.
SELECT search_rebuild();
