-- Kiln server store, version 1: a team's runs, their metric series and their artifacts.
-- Released: never edit this file (released.json holds its checksum); change the schema in a new migration.

CREATE TABLE kiln.projects (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE kiln.experiments (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES kiln.projects (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (project_id, name)
);

CREATE TABLE kiln.runs (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  experiment_id bigint NOT NULL REFERENCES kiln.experiments (id),
  name text NOT NULL,
  family text NOT NULL,
  status text NOT NULL,
  engine text,
  dataset_name text,
  dataset_fingerprint text,
  -- the run as the studio keeps it (family, task, columns, preprocessing, model config …)
  config jsonb NOT NULL,
  metrics jsonb NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  notes text NOT NULL DEFAULT '',
  author text NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  pushed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- sha256 of the push's content: a retried push is recognised as the same one
  content_sha256 text NOT NULL
);
CREATE INDEX runs_family ON kiln.runs (family);
CREATE INDEX runs_author ON kiln.runs (author);
CREATE INDEX runs_pushed_at ON kiln.runs (pushed_at);
CREATE INDEX runs_tags ON kiln.runs USING gin (tags);

-- one row per epoch / round / logged step, as the run recorded it
CREATE TABLE kiln.metric_series (
  run_id text NOT NULL REFERENCES kiln.runs (id),
  kind text NOT NULL,
  seq integer NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (run_id, kind, seq)
);

CREATE TABLE kiln.artifacts (
  id bigserial PRIMARY KEY,
  run_id text NOT NULL REFERENCES kiln.runs (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  size bigint NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  media_type text NOT NULL,
  UNIQUE (run_id, name)
);

-- bytes in chunks: no single value near PostgreSQL's 1 GB field limit, and reads stream
CREATE TABLE kiln.artifact_chunks (
  artifact_id bigint NOT NULL REFERENCES kiln.artifacts (id),
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (artifact_id, seq)
);

-- what was pushed is history: series, artifacts and their bytes are never changed or deleted
CREATE FUNCTION kiln.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'kiln.% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER metric_series_append_only BEFORE UPDATE OR DELETE ON kiln.metric_series FOR EACH ROW EXECUTE FUNCTION kiln.refuse_change();
CREATE TRIGGER artifacts_append_only BEFORE UPDATE OR DELETE ON kiln.artifacts FOR EACH ROW EXECUTE FUNCTION kiln.refuse_change();
CREATE TRIGGER artifact_chunks_append_only BEFORE UPDATE OR DELETE ON kiln.artifact_chunks FOR EACH ROW EXECUTE FUNCTION kiln.refuse_change();
