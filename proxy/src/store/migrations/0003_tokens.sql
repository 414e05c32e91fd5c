-- Kiln server store, version 3: API tokens. Each names its holder and its scopes; only a
-- sha256 of the secret is kept, so the table does not let anyone in.
-- Released: never edit this file; change the schema in a new migration.

CREATE TABLE kiln.tokens (
  id text PRIMARY KEY,
  holder text NOT NULL CHECK (length(holder) BETWEEN 1 AND 200),
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['export', 'track', 'promote', 'admin']),
  hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
