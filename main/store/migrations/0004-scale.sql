-- Evidence store, version 4: ingest and evaluation at scale.
--
-- Collected rows now arrive at the evidence tables in one INSERT ... SELECT per table at the seal (from
-- per-connection staging, main/store/staging.ts) and findings in one INSERT ... SELECT per check
-- (main/checks/engine.ts), so per-row trigger work is the remaining per-row cost. Immutability is unchanged:
-- every trigger below refuses exactly what the one it replaces refused.

-- A finding may only be added to an existing, unsealed evaluation of the same snapshot. The 0003 trigger
-- looked the evaluation up twice per row; one lookup answers both questions (a missing evaluation, a sealed
-- one or another snapshot's one all leave NOT EXISTS true, as each of the old conditions did).
DROP TRIGGER findings_insert_unsealed;
CREATE TRIGGER findings_insert_unsealed BEFORE INSERT ON findings
WHEN NOT EXISTS (SELECT 1 FROM evaluations
                 WHERE id = NEW.evaluation_id AND sealed_at IS NULL AND snapshot_id = NEW.snapshot_id)
BEGIN SELECT RAISE(ABORT, 'evidence is immutable: evaluation is sealed'); END;

-- Every check reads one resource type of one snapshot and most group or join by uid. With (snapshot_id, type)
-- alone, statistics averaged over types make a rare type (a handful of IAM users among a million security
-- groups) look as common as the rest, and the planner walks the primary key (snapshot_id, uid) over the whole
-- snapshot to get uid order for free. With uid in the index, the seek on (snapshot_id, type) already yields
-- uid order, so there is no reason left to walk the snapshot. Same name: it is the same index, one column wider.
DROP INDEX resources_by_type;
CREATE INDEX resources_by_type ON resources(snapshot_id, type, uid);

-- No query reads findings by snapshot: every reader asks for one evaluation's findings (primary key, and the
-- findings view's index in 0005). This index only cost a b-tree entry per finding written (1.5 million for a
-- million resources). Its one other use, finding a snapshot's child rows when the snapshot is deleted, never
-- arises: a snapshot that has findings can no longer be deleted (snapshots_sealed_delete).
DROP INDEX findings_by_snapshot;

-- The snapshot list shows each snapshot's resource and gap counts, and it is answered on the thread that
-- serves the UI. Counting a million-resource snapshot's index entries on every listing is a stall; a
-- complete snapshot never changes, so its counts are written once, by the seal (in the same transaction as
-- the rows, while the snapshot is still running). NULL = not recorded (sealed before this version, or never
-- sealed): the listing counts those rows as before. Not part of the content hash: derived, and recomputable.
ALTER TABLE snapshots ADD COLUMN resource_count INTEGER;
ALTER TABLE snapshots ADD COLUMN error_count INTEGER;
