// Reads and writes workspace settings (migration 0007). Values are validated by their schema in
// shared/settings.ts on the way in AND out; changes are audited by the caller (who knows the actor and why).
import { SETTINGS, type SettingKey, type SettingValue } from '../../shared/settings';
import { RefusedError } from '../core/errors';
import type { Db } from './db';

/** Refused: the value does not fit the setting's schema (the message says which part and why). */
export class InvalidSettingError extends RefusedError {}

export function getSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  const def = SETTINGS[key];
  if (!row) return def.schema.parse(def.initial) as SettingValue<K>;
  const parsed = def.schema.safeParse(JSON.parse(row.value));
  if (!parsed.success) {
    throw new InvalidSettingError(
      `The workspace setting "${key}" is not valid (${parsed.error.issues.map((i) => i.message).join('; ')}); ` +
        'set it again in Settings or with the CLI.',
    );
  }
  return parsed.data as SettingValue<K>;
}

/** Validates and stores a setting; returns the stored (normalised) value. */
export function setSetting<K extends SettingKey>(
  db: Db,
  key: K,
  value: unknown,
  actor: string,
): SettingValue<K> {
  const parsed = SETTINGS[key].schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidSettingError(
      `"${key}" ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'} ${i.message}`).join('; ')}`,
    );
  }
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
  ).run(key, JSON.stringify(parsed.data), new Date().toISOString(), actor);
  return parsed.data as SettingValue<K>;
}

/** When and by whom a setting was last changed; nulls when it was never set. */
export function settingStamp(
  db: Db,
  key: SettingKey,
): { updatedAt: string | null; updatedBy: string | null } {
  const row = db.prepare('SELECT updated_at, updated_by FROM settings WHERE key = ?').get(key) as
    { updated_at: string; updated_by: string } | undefined;
  return { updatedAt: row?.updated_at ?? null, updatedBy: row?.updated_by ?? null };
}

/**
 * The regions each AWS account had enabled in its latest complete snapshot (DescribeRegions, recorded on the
 * account resource): what the analyst chooses approved regions from.
 */
export function enabledRegionsSeen(db: Db): { account: string; regions: string[] }[] {
  const rows = db
    .prepare(
      `WITH latest AS (
         SELECT account, max(started_at) AS started_at FROM snapshots
         WHERE status = 'complete' AND provider = 'aws' AND account IS NOT NULL GROUP BY account
       )
       SELECT s.account AS account, json_extract(r.config, '$.EnabledRegions') AS regions
       FROM latest JOIN snapshots s ON s.account = latest.account AND s.started_at = latest.started_at
       JOIN resources r ON r.snapshot_id = s.id AND r.type = 'AWS::Account'
       WHERE json_type(r.config, '$.EnabledRegions') = 'array'
       ORDER BY s.account`,
    )
    .all() as { account: string; regions: string }[];
  return rows.map((r) => ({ account: r.account, regions: JSON.parse(r.regions) as string[] }));
}
