-- Evidence store, version 9: assessments (docs/assessments.md). An assessment concludes on framework controls
-- from snapshots taken for it; people prepare, review and approve with their own Ed25519 keys; exceptions
-- (risk acceptances) cover failures for a bounded time; manual evidence files answer a control's requests.
-- What a human decided is never rewritten: exception decisions, attachments and sign-offs are append-only, so
-- the history an auditor reads is the history that happened. Private keys are files, never rows.

-- People who act in assessments. The private key is <workspace>/keys/people/<id>.pem (PKCS#8, optionally
-- passphrase-encrypted); only the public half is here, so a copied database cannot sign anything.
CREATE TABLE people (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL CHECK (length(name) > 0),
  email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  public_key_pem TEXT NOT NULL,
  fingerprint    TEXT NOT NULL CHECK (length(fingerprint) = 64),
  key_encrypted  INTEGER NOT NULL CHECK (key_encrypted IN (0, 1)),
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL
) STRICT;

CREATE TRIGGER people_no_update BEFORE UPDATE ON people
BEGIN SELECT RAISE(ABORT, 'people are kept as created: their keys signed sign-offs'); END;
CREATE TRIGGER people_no_delete BEFORE DELETE ON people
BEGIN SELECT RAISE(ABORT, 'people are kept as created: their keys signed sign-offs'); END;

-- The assessment itself; its name, scope and period may be edited while it is worked on (each edit audited).
-- frameworks and scope are JSON validated by shared/domain.ts AssessmentScope on the way in and out.
CREATE TABLE assessments (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(name) > 0),
  frameworks   TEXT NOT NULL CHECK (json_valid(frameworks) AND json_array_length(frameworks) > 0),
  scope        TEXT NOT NULL CHECK (json_valid(scope)),
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL CHECK (period_end >= period_start),
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;

CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are kept for the record'); END;

-- Who holds which role. Roles can change while the assessment is worked on (rows replaced, audited).
CREATE TABLE assessment_people (
  assessment_id TEXT NOT NULL REFERENCES assessments(id),
  person_id     TEXT NOT NULL REFERENCES people(id),
  role          TEXT NOT NULL CHECK (role IN ('preparer', 'reviewer', 'approver')),
  PRIMARY KEY (assessment_id, person_id, role)
) STRICT;

-- Snapshots taken for the assessment. Attaching is append-only: the latest complete one per account is
-- "current", older ones stay listed as what was considered before.
CREATE TABLE assessment_snapshots (
  assessment_id TEXT NOT NULL REFERENCES assessments(id),
  snapshot_id   TEXT NOT NULL REFERENCES snapshots(id),
  attached_at   TEXT NOT NULL,
  attached_by   TEXT NOT NULL REFERENCES people(id),
  PRIMARY KEY (assessment_id, snapshot_id)
) STRICT;

CREATE TRIGGER assessment_snapshots_complete BEFORE INSERT ON assessment_snapshots
WHEN (SELECT status FROM snapshots WHERE id = NEW.snapshot_id) IS NOT 'complete'
BEGIN SELECT RAISE(ABORT, 'only a complete snapshot can be attached to an assessment'); END;
CREATE TRIGGER assessment_snapshots_no_update BEFORE UPDATE ON assessment_snapshots
BEGIN SELECT RAISE(ABORT, 'attached snapshots are append-only'); END;
CREATE TRIGGER assessment_snapshots_no_delete BEFORE DELETE ON assessment_snapshots
BEGIN SELECT RAISE(ABORT, 'attached snapshots are append-only'); END;

-- One version of an exception (a risk acceptance). A renewal is a new version of the same id; nothing of an
-- old version changes. scope is JSON: {kind:'finding'|'resources'|'check-account', ...} (exceptions.ts).
CREATE TABLE exception_versions (
  id                   TEXT NOT NULL,
  version              INTEGER NOT NULL CHECK (version >= 1),
  check_id             TEXT NOT NULL,
  severity             TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  scope                TEXT NOT NULL CHECK (json_valid(scope)),
  justification        TEXT NOT NULL CHECK (length(trim(justification)) >= 20),
  compensating_control TEXT,
  risk_owner           TEXT NOT NULL REFERENCES people(id),
  requested_by         TEXT NOT NULL REFERENCES people(id),
  requested_at         TEXT NOT NULL,
  expires_at           TEXT NOT NULL CHECK (expires_at > requested_at),
  PRIMARY KEY (id, version)
) STRICT;

-- What happened to each version, in order. Status is read from the latest event (and, for approved ones, the
-- expiry at read time: 'expired' is never written, it is computed).
CREATE TABLE exception_events (
  seq       INTEGER PRIMARY KEY,
  id        TEXT NOT NULL,
  version   INTEGER NOT NULL,
  event     TEXT NOT NULL CHECK (event IN ('drafted', 'submitted', 'approved', 'rejected', 'revoked')),
  actor     TEXT NOT NULL REFERENCES people(id),
  at        TEXT NOT NULL,
  note      TEXT,
  FOREIGN KEY (id, version) REFERENCES exception_versions(id, version)
) STRICT;
CREATE INDEX exception_events_by_version ON exception_events(id, version, seq);

-- The requester never decides their own exception (segregation of duties), enforced below the code too.
CREATE TRIGGER exception_events_not_by_requester BEFORE INSERT ON exception_events
WHEN NEW.event IN ('approved', 'rejected')
  AND NEW.actor = (SELECT requested_by FROM exception_versions WHERE id = NEW.id AND version = NEW.version)
BEGIN SELECT RAISE(ABORT, 'the requester of an exception cannot approve or reject it'); END;

CREATE TRIGGER exception_versions_no_update BEFORE UPDATE ON exception_versions
BEGIN SELECT RAISE(ABORT, 'exception versions are append-only; renew to change one'); END;
CREATE TRIGGER exception_versions_no_delete BEFORE DELETE ON exception_versions
BEGIN SELECT RAISE(ABORT, 'exception versions are append-only; renew to change one'); END;
CREATE TRIGGER exception_events_no_update BEFORE UPDATE ON exception_events
BEGIN SELECT RAISE(ABORT, 'exception events are append-only'); END;
CREATE TRIGGER exception_events_no_delete BEFORE DELETE ON exception_events
BEGIN SELECT RAISE(ABORT, 'exception events are append-only'); END;

-- Manual evidence: one row per uploaded revision of the answer to a request ('<control>-R<n>'). The bytes
-- live content-addressed under <workspace>/attachments/<aa>/<sha256>; replacing adds a revision.
CREATE TABLE attachments (
  id             INTEGER PRIMARY KEY,
  assessment_id  TEXT NOT NULL REFERENCES assessments(id),
  request_id     TEXT NOT NULL,
  revision       INTEGER NOT NULL CHECK (revision >= 1),
  sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
  size           INTEGER NOT NULL CHECK (size >= 0),
  original_name  TEXT NOT NULL,
  description    TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to   TEXT NOT NULL CHECK (effective_to >= effective_from),
  uploaded_at    TEXT NOT NULL,
  uploaded_by    TEXT NOT NULL REFERENCES people(id),
  UNIQUE (assessment_id, request_id, revision)
) STRICT;

CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are append-only; attach a new revision'); END;
CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are append-only; attach a new revision'); END;

-- A person's signature over the evidence digest of one control (or '*': the whole framework) in one role.
CREATE TABLE signoffs (
  id            INTEGER PRIMARY KEY,
  assessment_id TEXT NOT NULL REFERENCES assessments(id),
  framework     TEXT NOT NULL,
  control_id    TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('preparer', 'reviewer', 'approver')),
  person_id     TEXT NOT NULL REFERENCES people(id),
  signed_at     TEXT NOT NULL,
  digest        TEXT NOT NULL CHECK (length(digest) = 64),
  signature     TEXT NOT NULL,
  -- The canonical JSON the digest was computed over, so an auditor can see what was signed.
  digest_input  TEXT NOT NULL CHECK (json_valid(digest_input))
) STRICT;
CREATE INDEX signoffs_by_control ON signoffs(assessment_id, framework, control_id, id);

CREATE TRIGGER signoffs_no_update BEFORE UPDATE ON signoffs
BEGIN SELECT RAISE(ABORT, 'sign-offs are append-only'); END;
CREATE TRIGGER signoffs_no_delete BEFORE DELETE ON signoffs
BEGIN SELECT RAISE(ABORT, 'sign-offs are append-only'); END;
