-- Kiln server store, version 4: distributed hyperparameter studies. A study is a recipe (the
-- family, its base config and its data) and a search spec; its trials are rows created up front
-- and claimed by workers (kiln tune --worker processes, studio tabs) with FOR UPDATE SKIP LOCKED.
-- A claim is a lease: a worker that stops renewing it loses the trial to the next claimer.
-- Released: never edit this file; change the schema in a new migration.

CREATE TABLE kiln.studies (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$'),
  family text NOT NULL,
  recipe jsonb NOT NULL,
  -- the StudySpec: space, trials, sampler, seed, metric, direction, pruner
  spec jsonb NOT NULL,
  lease_seconds integer NOT NULL CHECK (lease_seconds BETWEEN 2 AND 86400),
  max_attempts integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 100),
  -- successive halving's rungs (PrunerState); the study row is the lock every report takes
  pruner_state jsonb NOT NULL DEFAULT '{"rungs": []}',
  author text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE kiln.trials (
  study_id bigint NOT NULL REFERENCES kiln.studies (id),
  number integer NOT NULL CHECK (number >= 0),
  state text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'running', 'complete', 'pruned', 'failed')),
  -- sampled when first claimed (TPE reads the trials finished by then); a re-claim runs the same params
  params jsonb,
  value double precision,
  steps integer NOT NULL DEFAULT 0,
  pruned_at integer,
  error text,
  -- claims so far; reports and the finish must name the current one
  attempt integer NOT NULL DEFAULT 0,
  worker text,
  lease_until timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  duration_ms double precision,
  PRIMARY KEY (study_id, number)
);
CREATE INDEX trials_claimable ON kiln.trials (study_id, state, number);

-- every claim, for the audit and the "never claimed twice" check: (study, trial, attempt) is unique
CREATE TABLE kiln.trial_claims (
  study_id bigint NOT NULL,
  number integer NOT NULL,
  attempt integer NOT NULL,
  worker text NOT NULL,
  -- the lease of the attempt before had run out: this claim took the trial over
  took_over boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (study_id, number, attempt),
  FOREIGN KEY (study_id, number) REFERENCES kiln.trials (study_id, number)
);

-- the values a trial reported on its way (the pruner's input and the live curves)
CREATE TABLE kiln.trial_values (
  study_id bigint NOT NULL,
  number integer NOT NULL,
  attempt integer NOT NULL,
  step integer NOT NULL,
  value double precision,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  FOREIGN KEY (study_id, number, attempt) REFERENCES kiln.trial_claims (study_id, number, attempt)
);
CREATE INDEX trial_values_trial ON kiln.trial_values (study_id, number, attempt, step);

CREATE TRIGGER trial_claims_append_only BEFORE UPDATE OR DELETE ON kiln.trial_claims FOR EACH ROW EXECUTE FUNCTION kiln.refuse_change();
CREATE TRIGGER trial_values_append_only BEFORE UPDATE OR DELETE ON kiln.trial_values FOR EACH ROW EXECUTE FUNCTION kiln.refuse_change();
CREATE TRIGGER studies_no_delete BEFORE DELETE ON kiln.studies FOR EACH ROW EXECUTE FUNCTION kiln.refuse_change();
