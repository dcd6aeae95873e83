-- Evidence store, version 1: snapshots and everything collected into them, findings, and the audit log.
-- STRICT tables so a wrong type is an error, not a silent coercion.

CREATE TABLE snapshots (
  id              TEXT PRIMARY KEY,
  connection      TEXT NOT NULL,
  provider        TEXT NOT NULL CHECK (provider IN ('aws', 'azure')),
  account         TEXT,
  identity        TEXT,
  regions         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(regions)),
  started_at      TEXT NOT NULL,
  finished_at     TEXT,
  status          TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'cancelled')),
  tool_version    TEXT NOT NULL,
  catalog_version TEXT NOT NULL,
  content_sha256  TEXT,
  failure_reason  TEXT
) STRICT;

-- One row per collected resource; config is the provider's own JSON for it (see main/collect/aws/shapes.ts).
CREATE TABLE resources (
  snapshot_id TEXT NOT NULL REFERENCES snapshots(id),
  uid         TEXT NOT NULL,
  provider    TEXT NOT NULL,
  service     TEXT NOT NULL,
  type        TEXT NOT NULL,
  region      TEXT NOT NULL,
  name        TEXT NOT NULL,
  tags        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(tags)),
  config      TEXT NOT NULL CHECK (json_valid(config)),
  sha256      TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, uid)
) STRICT;
CREATE INDEX resources_by_type ON resources(snapshot_id, type);

-- Every API response as received (after redaction), so an auditor can re-perform from raw evidence.
CREATE TABLE raw_responses (
  snapshot_id TEXT NOT NULL REFERENCES snapshots(id),
  seq         INTEGER NOT NULL,
  service     TEXT NOT NULL,
  region      TEXT NOT NULL,
  operation   TEXT NOT NULL,
  params      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
  response    TEXT NOT NULL CHECK (json_valid(response)),
  sha256      TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, seq)
) STRICT;

-- Gaps are evidence: what could not be collected, and why.
CREATE TABLE collection_errors (
  snapshot_id TEXT NOT NULL REFERENCES snapshots(id),
  seq         INTEGER NOT NULL,
  service     TEXT NOT NULL,
  region      TEXT NOT NULL,
  operation   TEXT NOT NULL,
  code        TEXT NOT NULL,
  message     TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, seq)
) STRICT;

-- One evaluation = the check catalog of one version run over one complete snapshot. Written once.
CREATE TABLE evaluations (
  id              TEXT PRIMARY KEY,
  snapshot_id     TEXT NOT NULL REFERENCES snapshots(id),
  catalog_version TEXT NOT NULL,
  evaluated_at    TEXT NOT NULL,
  UNIQUE (snapshot_id, catalog_version)
) STRICT;

CREATE TABLE findings (
  evaluation_id TEXT NOT NULL REFERENCES evaluations(id),
  snapshot_id   TEXT NOT NULL REFERENCES snapshots(id),
  check_id      TEXT NOT NULL,
  resource_uid  TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'error', 'n/a')),
  reason        TEXT NOT NULL,
  evidence      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(evidence)),
  PRIMARY KEY (evaluation_id, check_id, resource_uid)
) STRICT;
CREATE INDEX findings_by_snapshot ON findings(snapshot_id, check_id);

-- Append-only, hash-chained record of everything an analyst does (main/evidence/audit-log.ts).
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  details   TEXT NOT NULL CHECK (json_valid(details)),
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL UNIQUE
) STRICT;

-- Immutability. A snapshot may go running -> complete|failed|cancelled once; after that neither it nor
-- anything collected into it can change. Findings and evaluations are written once and never change.
CREATE TRIGGER snapshots_sealed_update BEFORE UPDATE ON snapshots
WHEN OLD.status <> 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;

CREATE TRIGGER snapshots_sealed_delete BEFORE DELETE ON snapshots
WHEN OLD.status = 'complete'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is complete'); END;

CREATE TRIGGER resources_sealed_insert BEFORE INSERT ON resources
WHEN (SELECT status FROM snapshots WHERE id = NEW.snapshot_id) <> 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;
CREATE TRIGGER resources_sealed_update BEFORE UPDATE ON resources
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) = 'complete'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is complete'); END;
CREATE TRIGGER resources_sealed_delete BEFORE DELETE ON resources
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) = 'complete'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is complete'); END;

CREATE TRIGGER raw_sealed_insert BEFORE INSERT ON raw_responses
WHEN (SELECT status FROM snapshots WHERE id = NEW.snapshot_id) <> 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;
CREATE TRIGGER raw_sealed_update BEFORE UPDATE ON raw_responses
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) = 'complete'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is complete'); END;
CREATE TRIGGER raw_sealed_delete BEFORE DELETE ON raw_responses
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) = 'complete'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is complete'); END;

CREATE TRIGGER errors_sealed_insert BEFORE INSERT ON collection_errors
WHEN (SELECT status FROM snapshots WHERE id = NEW.snapshot_id) <> 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;
CREATE TRIGGER errors_sealed_update BEFORE UPDATE ON collection_errors
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) = 'complete'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is complete'); END;
CREATE TRIGGER errors_sealed_delete BEFORE DELETE ON collection_errors
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) = 'complete'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is complete'); END;

CREATE TRIGGER evaluations_no_update BEFORE UPDATE ON evaluations
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: evaluations never change'); END;
CREATE TRIGGER evaluations_no_delete BEFORE DELETE ON evaluations
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: evaluations never change'); END;
CREATE TRIGGER findings_no_update BEFORE UPDATE ON findings
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: findings never change'); END;
CREATE TRIGGER findings_no_delete BEFORE DELETE ON findings
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: findings never change'); END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
