-- Kiln server store, version 2: the model registry. Versions point at pushed runs; aliases
-- (dev, staging, production, any name) point at versions; every move is kept.
-- Released: never edit this file; change the schema in a new migration.

CREATE TABLE kiln.model_versions (
  id text PRIMARY KEY,
  model_type text NOT NULL,
  major integer NOT NULL CHECK (major >= 0),
  minor integer NOT NULL CHECK (minor >= 0),
  suffix text,
  run_id text NOT NULL REFERENCES kiln.runs (id),
  -- the run's metrics when it was registered
  metrics jsonb NOT NULL DEFAULT '{}',
  note text NOT NULL DEFAULT '',
  author text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX model_versions_type ON kiln.model_versions (model_type);

-- where each alias points now; the row is the lock a move takes (optimistic concurrency)
CREATE TABLE kiln.aliases (
  model_type text NOT NULL,
  alias text NOT NULL CHECK (alias ~ '^[a-z][a-z0-9_-]{0,62}$'),
  version text REFERENCES kiln.model_versions (id),
  PRIMARY KEY (model_type, alias)
);

-- the audit: who moved which alias, when, from what, to what, and why
CREATE TABLE kiln.alias_moves (
  seq bigserial PRIMARY KEY,
  model_type text NOT NULL,
  alias text NOT NULL,
  from_version text,
  to_version text,
  kind text NOT NULL CHECK (kind IN ('move', 'rollback')),
  note text NOT NULL DEFAULT '',
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX alias_moves_type ON kiln.alias_moves (model_type, alias, at);

CREATE TRIGGER alias_moves_append_only BEFORE UPDATE OR DELETE ON kiln.alias_moves FOR EACH ROW EXECUTE FUNCTION kiln.refuse_change();
CREATE TRIGGER model_versions_append_only BEFORE DELETE ON kiln.model_versions FOR EACH ROW EXECUTE FUNCTION kiln.refuse_change();
