-- AlterTable
ALTER TABLE "WordPressImport" ADD COLUMN     "fetchMedia" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "staffAccounts" BOOLEAN NOT NULL DEFAULT false;

-- Deferred search rows for bulk imports (lib/search/maintenance.ts). In a transaction that
-- sets quire.search_deferred to 'on' (SET LOCAL: it ends with the transaction), the
-- per-statement triggers leave the publications it creates without search rows, and the
-- importer builds them once before committing, instead of three refreshes per new row
-- (publications, then authors, then topics). Publications that already have a search row
-- are refreshed at once, deferred or not, so none goes stale.
CREATE OR REPLACE FUNCTION search_publications_inserted() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF current_setting('quire.search_deferred', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM search_refresh(ARRAY(SELECT id FROM inserted), true);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION search_links_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  ids integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT "publicationId" FROM added);
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY(SELECT DISTINCT "publicationId" FROM removed);
  ELSE
    ids := ARRAY(SELECT "publicationId" FROM added UNION SELECT "publicationId" FROM removed);
  END IF;
  IF current_setting('quire.search_deferred', true) = 'on' THEN
    ids := ARRAY(SELECT "publicationId" FROM "SearchDocument" WHERE "publicationId" = ANY (ids));
  END IF;
  PERFORM search_refresh(ids, false);
  RETURN NULL;
END $$;

-- The repair: builds the search rows of up to max_rows publications that have none (oldest
-- first) and says how many it built; 0 means every publication has its row.
CREATE FUNCTION search_refresh_missing(max_rows integer) RETURNS integer
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  ids integer[];
BEGIN
  ids := ARRAY(
    SELECT p.id FROM "Publication" p
     WHERE NOT EXISTS (SELECT 1 FROM "SearchDocument" d WHERE d."publicationId" = p.id)
     ORDER BY p.id LIMIT max_rows);
  IF cardinality(ids) > 0 THEN
    PERFORM search_refresh(ids, true);
  END IF;
  RETURN cardinality(ids);
END $$;
