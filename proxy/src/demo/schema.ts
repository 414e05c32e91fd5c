import { essayFeatureDdl } from './essay-features';

/** The demo schema. Its column types cover what exports must map faithfully. */
export const DEMO_TABLES = ['pairwise_preferences', 'candidate_job_scores', 'essays', 'jobs', 'candidates'] as const;

/**
 * The essays table's engineered feature columns come from ESSAY_FEATURES (essay-features.ts), the list the generator fills rows from.
 * The text columns after candidates.created_at and jobs.posted_on are the candidate–job matching sections (matching.ts).
 */
export const DEMO_SCHEMA_SQL = `
CREATE TABLE candidates (
  id bigint PRIMARY KEY,
  name text NOT NULL,
  email text,
  skills text[] NOT NULL,
  work_history jsonb NOT NULL,
  years_experience numeric(4,1),
  last_login timestamp,
  created_at timestamptz NOT NULL,
  skills_text text NOT NULL,
  education text NOT NULL
);
CREATE TABLE jobs (
  id integer PRIMARY KEY,
  title text NOT NULL,
  company text NOT NULL,
  required_skills text[] NOT NULL,
  description text NOT NULL,
  salary_min numeric(10,2),
  salary_max numeric(10,2),
  remote boolean NOT NULL,
  posted_on date NOT NULL,
  required_skills_text text NOT NULL,
  experience_text text NOT NULL,
  education_requirement text NOT NULL
);
CREATE TABLE candidate_job_scores (
  candidate_id bigint NOT NULL REFERENCES candidates(id),
  job_id integer NOT NULL REFERENCES jobs(id),
  score real NOT NULL,
  label smallint,
  scored_at timestamptz NOT NULL,
  PRIMARY KEY (candidate_id, job_id)
);
CREATE TABLE essays (
  id integer PRIMARY KEY,
  student_id uuid NOT NULL,
  text text NOT NULL,
  grade text NOT NULL CHECK (grade IN ('F','E','D','D+','C','C+','B','A')),
  created_at timestamptz NOT NULL,
  word_count integer NOT NULL,
  avg_sentence_length double precision NOT NULL,
  spelling_errors integer NOT NULL,
  vocabulary_richness double precision,
  paragraph_lengths integer[] NOT NULL,
  prompt_id integer NOT NULL,
${essayFeatureDdl()},
  embedding jsonb NOT NULL
);
CREATE TABLE pairwise_preferences (
  id integer PRIMARY KEY,
  item_a bigint NOT NULL,
  item_b bigint NOT NULL,
  label smallint NOT NULL CHECK (label IN (-1, 0, 1)),
  reason_tags text[] NOT NULL,
  labeler text,
  labeled_at timestamptz NOT NULL
);
`;
