-- Evidence store, version 3: sealed evaluations, content-bound hashes, redaction log, signed audit-log
-- checkpoints and trusted signers (see main/store/content-hash.ts and main/evidence/*).

-- How a snapshot's content_sha256 was computed. 1 = the first release's recipe, which hashed the stored
-- per-resource hashes and so did not bind the data itself; such snapshots are refused for export.
-- 2 = every stored column the checks read, recomputed from the rows (docs/package-format.md).
ALTER TABLE snapshots ADD COLUMN content_hash_recipe INTEGER NOT NULL DEFAULT 1;

-- An evaluation is written unsealed (sealed_at NULL), its findings are inserted, and it is sealed with the
-- hash of those findings, all in one transaction. Once sealed nothing about it can change.
ALTER TABLE evaluations ADD COLUMN sealed_at TEXT;
ALTER TABLE evaluations ADD COLUMN findings_sha256 TEXT;

DROP TRIGGER evaluations_no_update;
-- Evaluations written before this version were complete when written: seal them (their findings hash stays
-- NULL; an export recomputes it from the rows and signs that).
UPDATE evaluations SET sealed_at = evaluated_at WHERE sealed_at IS NULL;

-- Values withheld by redaction, per collected item: what was withheld is evidence too (never the value).
CREATE TABLE redactions (
  snapshot_id TEXT NOT NULL REFERENCES snapshots(id),
  target      TEXT NOT NULL,
  count       INTEGER NOT NULL CHECK (count > 0),
  kinds       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(kinds)),
  PRIMARY KEY (snapshot_id, target)
) STRICT;

-- Signed heads of the audit log: (head_seq, head_hash, at) signed with the workspace key, so recomputing the
-- whole chain or cutting its tail is detected, not only editing one entry.
CREATE TABLE audit_checkpoints (
  id                 INTEGER PRIMARY KEY,
  head_seq           INTEGER NOT NULL,
  head_hash          TEXT NOT NULL,
  at                 TEXT NOT NULL,
  reason             TEXT NOT NULL,
  signer_fingerprint TEXT NOT NULL,
  public_key_pem     TEXT NOT NULL,
  signature          TEXT NOT NULL
) STRICT;

-- Keys whose signatures this workspace accepts as "verified": its own key and keys the analyst added.
-- Removing trust keeps the row (removed_at) so the history of who was trusted when stays readable.
CREATE TABLE trusted_signers (
  id             INTEGER PRIMARY KEY,
  fingerprint    TEXT NOT NULL CHECK (length(fingerprint) = 64),
  name           TEXT NOT NULL,
  public_key_pem TEXT,
  added_at       TEXT NOT NULL,
  added_by       TEXT NOT NULL,
  added_how      TEXT NOT NULL,
  removed_at     TEXT
) STRICT;
-- One active trust per key; a withdrawn key can be trusted again (a new row).
CREATE UNIQUE INDEX trusted_signers_active ON trusted_signers(fingerprint) WHERE removed_at IS NULL;

-- Sealed means sealed, table by table. A row may only be added while its snapshot is running (or, for
-- findings, while its evaluation is unsealed); nothing of a complete snapshot or a sealed evaluation changes.
CREATE TRIGGER evaluations_insert_unsealed BEFORE INSERT ON evaluations
WHEN NEW.sealed_at IS NOT NULL OR NEW.findings_sha256 IS NOT NULL
  OR (SELECT status FROM snapshots WHERE id = NEW.snapshot_id) NOT IN ('running', 'complete')
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: an evaluation is written unsealed, then sealed'); END;

CREATE TRIGGER evaluations_seal_once BEFORE UPDATE ON evaluations
WHEN OLD.sealed_at IS NOT NULL
  OR NEW.sealed_at IS NULL OR NEW.findings_sha256 IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.snapshot_id IS NOT OLD.snapshot_id
  OR NEW.catalog_version IS NOT OLD.catalog_version OR NEW.evaluated_at IS NOT OLD.evaluated_at
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: evaluation is sealed'); END;

CREATE TRIGGER findings_insert_unsealed BEFORE INSERT ON findings
WHEN (SELECT sealed_at FROM evaluations WHERE id = NEW.evaluation_id) IS NOT NULL
  OR (SELECT snapshot_id FROM evaluations WHERE id = NEW.evaluation_id) IS NOT NEW.snapshot_id
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: evaluation is sealed'); END;

-- Failed and cancelled snapshots keep no rows either: they are sealed as what they are.
DROP TRIGGER resources_sealed_update;
DROP TRIGGER resources_sealed_delete;
DROP TRIGGER raw_sealed_update;
DROP TRIGGER raw_sealed_delete;
DROP TRIGGER errors_sealed_update;
DROP TRIGGER errors_sealed_delete;
DROP TRIGGER snapshots_sealed_delete;

CREATE TRIGGER snapshots_sealed_delete BEFORE DELETE ON snapshots
WHEN OLD.status <> 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;

CREATE TRIGGER resources_sealed_update BEFORE UPDATE ON resources
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) IS NOT 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;
CREATE TRIGGER resources_sealed_delete BEFORE DELETE ON resources
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) IS NOT 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;

CREATE TRIGGER raw_sealed_update BEFORE UPDATE ON raw_responses
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) IS NOT 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;
CREATE TRIGGER raw_sealed_delete BEFORE DELETE ON raw_responses
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) IS NOT 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;

CREATE TRIGGER errors_sealed_update BEFORE UPDATE ON collection_errors
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) IS NOT 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;
CREATE TRIGGER errors_sealed_delete BEFORE DELETE ON collection_errors
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) IS NOT 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;

CREATE TRIGGER redactions_sealed_insert BEFORE INSERT ON redactions
WHEN (SELECT status FROM snapshots WHERE id = NEW.snapshot_id) IS NOT 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;
CREATE TRIGGER redactions_sealed_update BEFORE UPDATE ON redactions
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) IS NOT 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;
CREATE TRIGGER redactions_sealed_delete BEFORE DELETE ON redactions
WHEN (SELECT status FROM snapshots WHERE id = OLD.snapshot_id) IS NOT 'running'
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: snapshot is sealed'); END;

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;

-- Trust can be withdrawn (removed_at), never rewritten or erased.
CREATE TRIGGER trusted_signers_no_delete BEFORE DELETE ON trusted_signers
BEGIN SELECT RAISE(ABORT, 'trusted signers are kept for the record; withdraw trust instead'); END;
CREATE TRIGGER trusted_signers_update BEFORE UPDATE ON trusted_signers
WHEN OLD.removed_at IS NOT NULL OR NEW.removed_at IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.fingerprint IS NOT OLD.fingerprint OR NEW.name IS NOT OLD.name
  OR NEW.public_key_pem IS NOT OLD.public_key_pem OR NEW.added_at IS NOT OLD.added_at
  OR NEW.added_by IS NOT OLD.added_by OR NEW.added_how IS NOT OLD.added_how
BEGIN SELECT RAISE(ABORT, 'a trusted signer can only be withdrawn, once'); END;
