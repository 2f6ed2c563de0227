-- BarrierFree inventory, schema version 1.
--
-- A housing company's surveys kept as snapshots in one SQLite file: each
-- `barrierfree inventory add` (or `check --format sqlite`) adds one survey
-- with its buildings, flats, findings, the rules they cite and (with
-- --upgrades) the measures the upgrade costs come from, in one
-- transaction, so a survey is there whole or not at all. Nothing is updated
-- afterwards: a new survey is a new snapshot, and `barrierfree compare`
-- reads two of them.
--
-- This file is the schema: the first migration runs it as it is (the
-- comments inside CREATE TABLE stay in sqlite_schema, where sqlite3's
-- `.schema` and DB Browser show them). Later versions add migrations; the
-- table `grdb_migrations` lists the ones a file has had. A file that lists
-- a migration this version does not know was written by a newer version
-- and is refused. A later migration's ALTER TABLE … ADD COLUMN carries no
-- `--` comment (SQLite pastes the column's text into the table's, where the
-- comment would swallow the rest); the column is described here instead.
--
-- The CHECK constraints compare with = and OR, not IN (…): SQLite builds a
-- temporary index for an IN list each time a row is checked, which made
-- inserting a finding ten times dearer (callgrind, Benchmarks/README.md).
--
-- Conventions: ids are the portfolio's (`b1`, `b1-f01`); lengths are in the
-- unit named next to them (the profile's: mm, or in for an imperial
-- profile); costs in EUR; booleans are 0 or 1; dates are ISO 8601 text
-- (YYYY-MM-DD). A class is a level of the survey's ladder (`ladder`) or
-- `none`.

CREATE TABLE surveys (
  id INTEGER PRIMARY KEY,             -- the snapshot's number: 1, 2, … in the order they were added
  surveyed TEXT,                      -- the date of the survey (--surveyed), NULL when not given
  label TEXT,                         -- a name for the survey (--label), NULL when not given
  profile TEXT NOT NULL,              -- the checked profile's id: din18040-2-r
  profile_title TEXT NOT NULL,        -- its title
  standard TEXT NOT NULL,             -- its standard with edition: DIN 18040-2:2011-09
  units TEXT NOT NULL,                -- lengths in findings: metric (mm) or imperial (in)
  tool_version TEXT NOT NULL,         -- the BarrierFree version that wrote the survey
  findings TEXT NOT NULL              -- which findings are stored: 'open' (fails and unknowns) or 'all'
    CHECK (findings = 'open' OR findings = 'all'),
  upgrades INTEGER NOT NULL           -- 1 when the flats' upgrade columns are filled (--upgrades)
    CHECK (upgrades = 0 OR upgrades = 1),
  register_scheme TEXT                -- the register scheme of flats.register_category, NULL when none
);

CREATE TABLE survey_inputs (
  survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,          -- 0 for the first input file
  path TEXT NOT NULL,                 -- the portfolio file as it was given
  PRIMARY KEY (survey_id, position)
) WITHOUT ROWID;

CREATE TABLE ladder (
  survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  rank INTEGER NOT NULL,              -- 0 for `none`, 1 for the lowest class, … : a higher rank is a better class
  class TEXT NOT NULL,                -- none, barrierReduced, barrierFree, wheelchair (the profile's ids)
  PRIMARY KEY (survey_id, rank),
  UNIQUE (survey_id, class)
) WITHOUT ROWID;

CREATE TABLE rules (
  survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  id TEXT NOT NULL,                   -- the rule's id: door.clear-width
  cite INTEGER NOT NULL,              -- which citation of the rule: 0 for the first (lowest class binding it)
  title TEXT NOT NULL,                -- a short title: Door clear width
  remedy TEXT NOT NULL,               -- what usually fixes a fail
  unit TEXT,                          -- the unit of its values (mm, in, %, m²), NULL without thresholds
  standard TEXT NOT NULL,             -- the cited standard with edition
  clause TEXT NOT NULL,               -- the cited clause: 4.3.3.2
  clause_unsure INTEGER NOT NULL      -- 1 when the clause is a reconstruction not seen in a source
    CHECK (clause_unsure = 0 OR clause_unsure = 1),
  confidence TEXT,                    -- how sure the threshold is: VV, V, K or ?; NULL when not said
  profiles TEXT NOT NULL,             -- the ladder's profiles binding the rule with this citation, space-separated
  PRIMARY KEY (survey_id, id, cite)
) WITHOUT ROWID;

CREATE TABLE measures (
  survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  id TEXT NOT NULL,                   -- the measure's id in the catalogue (flats.upgrade_measures names them)
  title TEXT NOT NULL,                -- what is done: Widen a door opening
  unit TEXT NOT NULL,                 -- what the cost is per: door, metre, stop, point, flat, building or lumpSum
  cost_low REAL NOT NULL,             -- the cost range per unit in EUR (gross), low end
  cost_high REAL NOT NULL,            -- high end
  at_least INTEGER NOT NULL           -- 1 when the source gives only a lower bound ("from 500 EUR")
    CHECK (at_least = 0 OR at_least = 1),
  price_year INTEGER NOT NULL,        -- the year of the prices (after indexing, the year they were brought to)
  source TEXT NOT NULL,               -- where the figures come from
  certainty TEXT NOT NULL,            -- C2 (two or more sources), C1 (one source), INF (inferred) or WEAK
  PRIMARY KEY (survey_id, id)
) WITHOUT ROWID;

CREATE TABLE quarters (
  survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  id TEXT NOT NULL,                   -- the quarter's id in the portfolio
  name TEXT,                          -- its name, NULL when not recorded
  PRIMARY KEY (survey_id, id)
) WITHOUT ROWID;

CREATE TABLE buildings (
  key INTEGER PRIMARY KEY,            -- the row's own number (findings and flats point here)
  survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  id TEXT NOT NULL,                   -- the building's id in the portfolio
  quarter TEXT,                       -- the quarter's id, NULL outside a quarter
  name TEXT,                          -- its name, NULL when not recorded
  address TEXT,                       -- its address in one line, NULL when not recorded
  position INTEGER NOT NULL,          -- its place in the survey's inputs: 0 for the first building read
  UNIQUE (survey_id, id)
);

CREATE TABLE flats (
  key INTEGER PRIMARY KEY,            -- the row's own number (findings point here)
  survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  building_key INTEGER NOT NULL REFERENCES buildings (key) ON DELETE CASCADE,
  building TEXT NOT NULL,             -- the building's id (repeated here so that plain queries need no join)
  quarter TEXT,                       -- the building's quarter, NULL outside one
  id TEXT NOT NULL,                   -- the flat's id in the portfolio
  number TEXT,                        -- the number on the door or in the lease, NULL when not recorded
  storey INTEGER,                     -- the storey of its entrance (0 ground floor, -1 basement), NULL when not recorded
  rooms INTEGER NOT NULL,             -- the rooms recorded
  area REAL,                          -- its floor area in m², NULL when not recorded
  class TEXT NOT NULL,                -- the class reached (a ladder class or none)
  class_rank INTEGER NOT NULL,        -- its rank in `ladder`: compare ranks, not names
  verified INTEGER NOT NULL           -- 0 when unknowns hold the class open (it is possibly higher)
    CHECK (verified = 0 OR verified = 1),
  verified_class TEXT NOT NULL,       -- the class verifiably reached
  next_class TEXT,                    -- the class above, NULL at the top
  fails INTEGER NOT NULL,             -- fails at the checked profile (the ladder's top)
  unknowns INTEGER NOT NULL,          -- unknowns at the checked profile: measurements missing
  blocking INTEGER NOT NULL,          -- the number of rules whose fails stand between the flat and next_class
  blocking_rules TEXT NOT NULL,       -- those rules, space-separated, in the order they first fail
  route TEXT,                         -- the best step-free way to its entrance, as ` → `-joined places; '' when none; NULL when no places are recorded
  route_problem TEXT,                 -- why there is no route, NULL when there is one
  upgrade_target TEXT,                -- the class an upgrade aims at (--upgrades), NULL otherwise or at the top
  upgrade_reaches INTEGER,            -- 1 when the measures reach it, 0 when something no measure clears is left
  upgrade_cost_low REAL,              -- the upgrade's cost range in EUR, low end; its measures' price years and sources are in `measures`
  upgrade_cost_high REAL,             -- high end
  upgrade_survey_needed INTEGER,      -- 1 when a measure's need or size awaits a survey
  upgrade_measures TEXT,              -- the measures' ids, space-separated
  upgrade_funding TEXT,               -- the funding offers that apply, '; '-separated
  upgrade_blocked_by TEXT,            -- what keeps the upgrade from its target: no known measure for …, not measured yet: …
  register_category TEXT,             -- its category in surveys.register_scheme (--register), NULL otherwise
  register_possible TEXT,             -- better categories not yet ruled out (unknowns), space-separated
  UNIQUE (survey_id, building, id)
);

CREATE TABLE findings (
  survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  building_key INTEGER REFERENCES buildings (key) ON DELETE CASCADE, -- NULL for a quarter's outdoor path
  flat_key INTEGER REFERENCES flats (key) ON DELETE CASCADE,         -- NULL for the building's own places
  quarter TEXT,                       -- the quarter of an outdoor path's finding, else NULL
  rule TEXT NOT NULL,                 -- the rule's id (rules.id)
  cite INTEGER NOT NULL,              -- which of the rule's citations (rules.cite): findings_cited has its standard and clause
  status TEXT NOT NULL                -- fail, unknown (missing measurement), pass or notApplicable (stored when surveys.findings = 'all')
    CHECK (status = 'fail' OR status = 'unknown' OR status = 'pass' OR status = 'notApplicable'),
  element TEXT NOT NULL,              -- the element's path: building b1 › flat W3 › room bath
  message TEXT,                       -- the finding in words; NULL where measured and required say it all (clear width 780 mm; ≥ 800 mm required)
  measured REAL,                      -- the measured value, NULL when unknown or not a measurement
  unit TEXT,                          -- the unit of measured and required (mm, in, %, m², steps)
  required_min REAL,                  -- the least value allowed, NULL when none
  required_max REAL,                  -- the most value allowed, NULL when none
  required TEXT,                      -- the requirement in words: ≥ 900 mm
  remedy TEXT                         -- what fixes it; NULL when the rule's remedy (rules.remedy) says it
);

-- The common questions. Each view covers every survey; filter on survey_id,
-- or use latest_survey.

-- Findings with the standard, clause and confidence they cite.
CREATE VIEW findings_cited AS
  SELECT g.*, r.standard, r.clause, r.clause_unsure, r.confidence
  FROM findings AS g
  JOIN rules AS r ON r.survey_id = g.survey_id AND r.id = g.rule AND r.cite = g.cite;

-- The survey added last.
CREATE VIEW latest_survey AS
  SELECT max(id) AS id FROM surveys;

-- Flats per class (and how many of them verified), per survey, best class first.
CREATE VIEW flats_per_class AS
  SELECT f.survey_id, f.class, f.class_rank, count(*) AS flats, sum(f.verified) AS verified
  FROM flats AS f
  GROUP BY f.survey_id, f.class_rank, f.class
  ORDER BY f.survey_id, f.class_rank DESC;

-- Near misses: flats one or two rules away from their next class, cheapest
-- upgrade first where costs are known.
CREATE VIEW near_misses AS
  SELECT f.survey_id, f.quarter, f.building, f.id AS flat, f.storey, f.class, f.next_class,
    f.blocking, f.blocking_rules, f.upgrade_cost_low, f.upgrade_cost_high
  FROM flats AS f
  WHERE f.next_class IS NOT NULL AND f.blocking BETWEEN 1 AND 2
  ORDER BY f.survey_id, f.blocking, f.upgrade_cost_low, f.building, f.id;

-- Open questions: what to measure, per rule, for flats whose class is not
-- verified, most frequent first.
CREATE VIEW open_questions AS
  SELECT g.survey_id, g.rule, count(*) AS findings, count(DISTINCT g.flat_key) AS flats
  FROM findings AS g
  JOIN flats AS f ON f.key = g.flat_key
  WHERE g.status = 'unknown' AND f.verified = 0
  GROUP BY g.survey_id, g.rule
  ORDER BY g.survey_id, flats DESC, g.rule;

-- The indexes the views, `barrierfree query` and `compare` use.
CREATE INDEX flats_by_class ON flats (survey_id, class_rank);
CREATE INDEX flats_by_quarter ON flats (survey_id, quarter, storey);
CREATE INDEX flats_by_storey ON flats (survey_id, storey);
CREATE INDEX findings_by_flat ON findings (flat_key);
