-- Evidence store, version 7: workspace settings an analyst changes over time (approved regions, custom
-- endpoint connections...). One row per setting, JSON value validated by its zod schema on read and write
-- (main/store/settings-repo.ts). Not evidence: what a snapshot used is copied into the snapshot when it runs,
-- so changing a setting never changes a sealed snapshot; every change is in the audit log.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
