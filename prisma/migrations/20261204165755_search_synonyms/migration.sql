-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- CreateEnum
CREATE TYPE "AuthorNameOrder" AS ENUM ('GIVEN_FIRST', 'FAMILY_FIRST');

-- AlterTable
ALTER TABLE "Author" ADD COLUMN     "nameOrder" "AuthorNameOrder" NOT NULL DEFAULT 'GIVEN_FIRST';

-- CreateTable
CREATE TABLE "SearchTermDeletion" (
    "deletion" TEXT NOT NULL,
    "term" TEXT NOT NULL,

    CONSTRAINT "SearchTermDeletion_pkey" PRIMARY KEY ("deletion","term")
);

-- CreateTable
CREATE TABLE "SearchSynonym" (
    "id" SERIAL NOT NULL,
    "term" TEXT NOT NULL,
    "alternatives" TEXT[],
    "twoWay" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchSynonym_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchSynonym_term_idx" ON "SearchSynonym"("term");

-- ---------------------------------------------------------------------------------------
-- Site search: custom SQL after Prisma's own statements above (as in the search migration).
-- ---------------------------------------------------------------------------------------

-- Typos: the vocabulary's deletion neighbourhood (SymSpell). Each word of "SearchTerm" is
-- stored with every string made by deleting one of its letters; the engine looks up a typed
-- word's own deletions here and measures the Damerau–Levenshtein distance of what it finds,
-- so "nvoak" meets "novak" (both give "noak") although they share few trigrams.
CREATE FUNCTION search_term_deletions(word text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT word
  UNION
  SELECT overlay(word PLACING '' FROM i FOR 1) FROM generate_series(1, char_length(word)) AS i
$$;

CREATE FUNCTION search_terms_added() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO "SearchTermDeletion" (deletion, term)
  SELECT DISTINCT deletion, added.term FROM added, search_term_deletions(added.term) AS deletion
   WHERE added.kind = 'word'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION search_terms_removed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM "SearchTermDeletion" x
   WHERE (x.deletion, x.term) IN (SELECT deletion, removed.term FROM removed, search_term_deletions(removed.term) AS deletion
                                   WHERE removed.kind = 'word')
     -- A word can also be a name's (kind 'author' …) term; only the word row keeps its deletions.
     AND NOT EXISTS (SELECT 1 FROM "SearchTerm" t WHERE t.term = x.term AND t.kind = 'word');
  RETURN NULL;
END $$;

-- Per statement: rebuilding the vocabulary inserts and deletes it in one pass each.
CREATE TRIGGER search_terms_added AFTER INSERT ON "SearchTerm"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_terms_added();
CREATE TRIGGER search_terms_removed AFTER DELETE ON "SearchTerm"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_terms_removed();

INSERT INTO "SearchTermDeletion" (deletion, term)
SELECT DISTINCT deletion, t.term FROM "SearchTerm" t, search_term_deletions(t.term) AS deletion WHERE t.kind = 'word'
ON CONFLICT DO NOTHING;

-- Korean: particles and endings are written onto words (김정은이, 김정은의), so a Korean word
-- is rarely a token of its own. Runs of three or more Hangul syllables are also indexed as
-- their overlapping two-syllable pieces (김정 정은 은이), in order, and the engine searches
-- a Korean query word as the phrase of its pieces: it is then found inside longer words.
CREATE FUNCTION search_hangul_bigrams(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(substr(run.text[1], i, 2), ' ' ORDER BY run.n, i), '')
    FROM regexp_matches(input, '[가-힣]{3,}', 'g') WITH ORDINALITY AS run(text, n),
         generate_series(1, char_length(run.text[1]) - 1) AS i
$$;

CREATE OR REPLACE FUNCTION search_text_vector(title text, summary text, body_html text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT to_tsvector('quire_english', concat_ws(' ', title, left(summary, 5000), left(body_html, 200000)))
      || to_tsvector('quire_english', search_hangul_bigrams(concat_ws(' ', title, left(summary, 5000), left(body_html, 200000))))
$$;

CREATE OR REPLACE FUNCTION search_head_vector(title text, names text, summary text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT setweight(to_tsvector('quire_english', concat_ws(' ', title, search_hangul_bigrams(title))), 'A')
      || setweight(to_tsvector('quire_english', names), 'B')
      || setweight(to_tsvector('quire_english', concat_ws(' ', left(summary, 5000), search_hangul_bigrams(left(summary, 5000)))), 'C')
$$;

-- Publications with Korean text are indexed again with their pieces.
SELECT search_refresh(ARRAY(SELECT id FROM "Publication" WHERE concat_ws(' ', title, summary, "bodyHtml") ~ '[가-힣]{3,}'), true);

-- Synonyms: a starter list for foreign-policy writing, which staff edit on /admin/search.
INSERT INTO "SearchSynonym" (term, alternatives, "twoWay", "updatedAt") VALUES
  ('DPRK', ARRAY['North Korea', 'Democratic People''s Republic of Korea'], true, now()),
  ('NK', ARRAY['North Korea'], true, now()),
  ('ROK', ARRAY['South Korea', 'Republic of Korea'], true, now()),
  ('PRC', ARRAY['China', 'People''s Republic of China'], true, now()),
  ('US', ARRAY['U.S.', 'United States', 'USA'], true, now()),
  ('UK', ARRAY['United Kingdom', 'Britain'], true, now()),
  ('UN', ARRAY['U.N.', 'United Nations'], true, now()),
  ('UNSC', ARRAY['UN Security Council', 'United Nations Security Council'], true, now()),
  ('EU', ARRAY['European Union'], true, now()),
  ('NATO', ARRAY['North Atlantic Treaty Organization'], true, now()),
  ('IAEA', ARRAY['International Atomic Energy Agency'], true, now()),
  ('NPT', ARRAY['Non-Proliferation Treaty', 'Nonproliferation Treaty'], true, now()),
  ('WTO', ARRAY['World Trade Organization'], true, now()),
  ('IMF', ARRAY['International Monetary Fund'], true, now()),
  ('ASEAN', ARRAY['Association of Southeast Asian Nations'], true, now()),
  ('APEC', ARRAY['Asia-Pacific Economic Cooperation'], true, now()),
  ('USFK', ARRAY['U.S. Forces Korea', 'United States Forces Korea'], true, now()),
  ('KPA', ARRAY['Korean People''s Army'], true, now()),
  ('WPK', ARRAY['Workers'' Party of Korea'], true, now()),
  ('DMZ', ARRAY['Demilitarized Zone'], true, now()),
  ('ICBM', ARRAY['intercontinental ballistic missile'], true, now()),
  ('SLBM', ARRAY['submarine-launched ballistic missile'], true, now()),
  ('THAAD', ARRAY['Terminal High Altitude Area Defense'], true, now()),
  ('KORUS', ARRAY['Korea-U.S. Free Trade Agreement', 'KORUS FTA'], true, now()),
  ('FTA', ARRAY['free trade agreement'], true, now()),
  ('Kim Jong Un', ARRAY['Kim Jong-un', 'Kim Jong-eun'], true, now()),
  ('Kim Jong Il', ARRAY['Kim Jong-il'], true, now()),
  ('Kim Il Sung', ARRAY['Kim Il-sung'], true, now()),
  ('Kim Yo Jong', ARRAY['Kim Yo-jong'], true, now()),
  ('Moon Jae-in', ARRAY['Moon Jae In'], true, now()),
  ('Yoon Suk Yeol', ARRAY['Yoon Suk-yeol'], true, now()),
  ('Lee Jae-myung', ARRAY['Lee Jae Myung'], true, now()),
  ('Park Geun-hye', ARRAY['Park Geun Hye'], true, now()),
  ('Busan', ARRAY['Pusan'], true, now()),
  ('Kaesong', ARRAY['Gaeseong'], true, now()),
  ('Hwasong', ARRAY['Hwaseong'], true, now()),
  ('Yongbyon', ARRAY['Yeongbyeon'], true, now()),
  ('peninsula', ARRAY['Korean Peninsula'], false, now()),
  ('nukes', ARRAY['nuclear weapons'], false, now());

-- A query with synonyms. It comes as its "or" branches (websearch_to_tsquery's "a b or c"
-- is (a & b) | c), each the rest of the branch as typed (websearch syntax) and, for each
-- synonym found in it, "this or any of these", each as all of its words (not as a phrase:
-- phrases are checked document by document, and "north korea" is a common query).
CREATE FUNCTION search_synonym_query(branches jsonb) RETURNS tsquery
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
DECLARE
  result tsquery;
  part tsquery;
  alternatives tsquery;
  piece tsquery;
  branch jsonb;
  grp jsonb;
  phrase text;
BEGIN
  FOR branch IN SELECT value FROM jsonb_array_elements(branches) LOOP
    part := websearch_to_tsquery('quire_english', branch->>'rest');
    FOR grp IN SELECT value FROM jsonb_array_elements(branch->'groups') LOOP
      alternatives := NULL;
      FOR phrase IN SELECT value FROM jsonb_array_elements_text(grp) LOOP
        piece := plainto_tsquery('quire_english', phrase);
        IF numnode(piece) > 0 THEN
          alternatives := CASE WHEN alternatives IS NULL THEN piece ELSE alternatives || piece END;
        END IF;
      END LOOP;
      IF alternatives IS NOT NULL THEN
        part := CASE WHEN numnode(part) = 0 THEN alternatives ELSE part && alternatives END;
      END IF;
    END LOOP;
    IF numnode(part) > 0 THEN
      result := CASE WHEN result IS NULL THEN part ELSE result || part END;
    END IF;
  END LOOP;
  RETURN coalesce(result, ''::tsquery);
END $$;
