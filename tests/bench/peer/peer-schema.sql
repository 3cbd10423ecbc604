-- What the peer (PostGraphile 4 + @graphile/postgis) is pointed at: the portal's own PostgreSQL tables, as seeded by
-- the portal, shaped by three views in a schema of their own and read by a role that can only SELECT them.
-- The views only pick and join columns (no data is copied), so the peer reads the very rows the portal reads.
CREATE SCHEMA peer;

-- The bản with their cells: id, name as a source gives it (null when none does), provisional label, and the PostGIS
-- geometry (the peer answers it as GeoJSON with ST_AsGeoJSON, which is what @graphile/postgis does).
CREATE VIEW peer.villages AS
  SELECT u.id, u.name, u.provisional_label, u.parent_id AS former_commune_id, u.sort, b.geom AS geometry
  FROM public.units u JOIN public.boundaries b ON b.unit_id = u.id
  WHERE u.level = 'village';
COMMENT ON VIEW peer.villages IS E'@primaryKey id\nBản (villages) with their cells.';

-- The public latest value of each unit's indicator: a sensitive indicator only when published (its last published
-- value while an edit of it is pending), nothing else awaiting review (the portal's rule for an anonymous reader,
-- server/access/observation-visibility.ts).
CREATE VIEW peer.public_latest AS
  SELECT DISTINCT ON (o.unit_id, o.indicator) o.unit_id, o.indicator,
    CASE WHEN o.current_public THEN o.value ELSE o.published->'value' END AS value,
    CASE WHEN o.current_public THEN o.denominator ELSE (o.published->>'denominator')::double precision END AS denominator
  FROM (SELECT o.*, i.sensitive, o.review IS NULL AND (NOT i.sensitive OR o.publication IS NOT NULL) AS current_public
        FROM public.observations o JOIN public.indicators i ON i.key = o.indicator) o
  WHERE o.current_public OR (o.sensitive AND o.published IS NOT NULL)
  ORDER BY o.unit_id, o.indicator, o.period DESC;
COMMENT ON VIEW peer.public_latest IS E'@omit\nThe public latest value of each unit and indicator (not exposed: the coverage view reads it).';

-- PostGraphile has no fact engine: this view gives the same per-former-commune counts for the cases the seeds hold
-- (its own count "5/6"; else the commune's count less the other former communes' own counts, "19/23 − 7/7 − 5/6";
-- else the bản known to meet it). It is not the portal's engine (no intervals, sources, assumptions or contradictions),
-- only the numbers the bench compares, which the bench checks are equal before timing.
CREATE VIEW peer.coverage_groups AS
  WITH fc AS (
    SELECT u.id, u.parent_id, i.key AS indicator,
           (SELECT count(*) FROM public.units v WHERE v.parent_id = u.id AND v.level = 'village')::int AS total,
           (SELECT (p.value #>> '{}')::numeric FROM peer.public_latest p WHERE p.unit_id = u.id AND p.indicator = i.key) AS own
    FROM public.units u CROSS JOIN public.indicators i
    WHERE u.level = 'formerCommune' AND i.kind = 'boolean')
  SELECT fc.indicator, fc.id AS former_commune_id, fc.total,
         COALESCE(fc.own,
           (SELECT (p.value #>> '{}')::numeric - (SELECT sum(o.own) FROM fc o WHERE o.indicator = fc.indicator AND o.id <> fc.id)
            FROM peer.public_latest p WHERE p.unit_id = fc.parent_id AND p.indicator = fc.indicator
              AND NOT EXISTS (SELECT 1 FROM fc o WHERE o.indicator = fc.indicator AND o.id <> fc.id AND o.own IS NULL)),
           (SELECT count(*) FROM public.units v JOIN peer.public_latest p ON p.unit_id = v.id
            WHERE v.parent_id = fc.id AND p.indicator = fc.indicator AND p.value = 'true'::jsonb))::int AS achieved
  FROM fc;
COMMENT ON VIEW peer.coverage_groups IS E'Bản meeting a yes/no indicator per former commune, and how many bản it has.';

CREATE ROLE peer_reader LOGIN;
GRANT USAGE ON SCHEMA peer TO peer_reader;
GRANT USAGE ON SCHEMA public TO peer_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA peer TO peer_reader;
-- Views run with their owner's rights, but PostGIS's functions and types are in public and need USAGE only.
