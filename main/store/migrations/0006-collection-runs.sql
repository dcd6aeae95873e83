-- Evidence store, version 6: collection runs. A whole-organisation run (AWS Organizations) collects many
-- accounts; each account is its own snapshot, sealed and hashed exactly as a single-account snapshot (the
-- snapshots table and its row hash recipe are unchanged), and the run groups them. An account the run could
-- not reach (its role could not be assumed) is a gap of the run, not of any snapshot.
CREATE TABLE collection_runs (
  id                 TEXT PRIMARY KEY,
  connection         TEXT NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('organization')),
  -- The role assumed in each member account (e.g. OrganizationAccountAccessRole).
  role_name          TEXT NOT NULL,
  -- Filled in once the organisation has been read: who ran it and which organisation it covered.
  management_account TEXT,
  organization_id    TEXT,
  started_at         TEXT NOT NULL,
  finished_at        TEXT,
  status             TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'cancelled')),
  message            TEXT
) STRICT;

-- The run's account snapshots: which account each one is, by the organisation's own name for it.
CREATE TABLE collection_run_snapshots (
  run_id       TEXT NOT NULL REFERENCES collection_runs(id),
  snapshot_id  TEXT NOT NULL UNIQUE REFERENCES snapshots(id),
  account_id   TEXT NOT NULL,
  account_name TEXT,
  PRIMARY KEY (run_id, account_id)
) STRICT;

-- Accounts of the organisation the run did not collect, and why (role not assumable, account suspended...).
CREATE TABLE collection_run_gaps (
  run_id       TEXT NOT NULL REFERENCES collection_runs(id),
  seq          INTEGER NOT NULL,
  account_id   TEXT NOT NULL,
  account_name TEXT,
  code         TEXT NOT NULL,
  message      TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) STRICT;

-- A finished run is a record: its status, links and gaps never change once it has left 'running'.
CREATE TRIGGER collection_runs_finished_update BEFORE UPDATE ON collection_runs
WHEN OLD.status <> 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: collection run is finished'); END;

CREATE TRIGGER collection_runs_no_delete BEFORE DELETE ON collection_runs
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: collection runs are never deleted'); END;

CREATE TRIGGER collection_run_snapshots_finished_insert BEFORE INSERT ON collection_run_snapshots
WHEN (SELECT status FROM collection_runs WHERE id = NEW.run_id) IS NOT 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: collection run is finished'); END;

CREATE TRIGGER collection_run_snapshots_no_update BEFORE UPDATE ON collection_run_snapshots
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: a run''s snapshots never change'); END;

CREATE TRIGGER collection_run_snapshots_no_delete BEFORE DELETE ON collection_run_snapshots
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: a run''s snapshots never change'); END;

CREATE TRIGGER collection_run_gaps_finished_insert BEFORE INSERT ON collection_run_gaps
WHEN (SELECT status FROM collection_runs WHERE id = NEW.run_id) IS NOT 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: collection run is finished'); END;

CREATE TRIGGER collection_run_gaps_no_update BEFORE UPDATE ON collection_run_gaps
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: a run''s gaps never change'); END;

CREATE TRIGGER collection_run_gaps_no_delete BEFORE DELETE ON collection_run_gaps
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: a run''s gaps never change'); END;
