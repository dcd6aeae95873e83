// Small wording and date helpers shared by the assessment views (pure: unit-tested without a browser).
import type { Assessment, ExceptionScope } from '../../../../shared/domain';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The demo seed names its assessment "Demo: ..." (main/assessments/demo-seed.ts). */
export function isDemo(a: Pick<Assessment, 'name'>): boolean {
  return a.name.startsWith('Demo:');
}

export function periodText(a: Pick<Assessment, 'periodStart' | 'periodEnd'>): string {
  return a.periodStart === a.periodEnd
    ? `${a.periodStart} (point in time)`
    : `${a.periodStart} → ${a.periodEnd}`;
}

export function scopeText(s: ExceptionScope): string {
  if (s.kind === 'finding') return `one finding: ${s.resourceUid ?? ''} in ${s.account ?? ''}`;
  if (s.kind === 'check-account') return `every resource in account ${s.account ?? ''}`;
  const where = s.account ? ` in ${s.account}` : '';
  if (s.tag) return `resources tagged ${s.tag.key}=${s.tag.value}${where}`;
  return `${s.resourceUids?.length ?? 0} resource(s)${where}: ${(s.resourceUids ?? []).join(', ')}`;
}

/** Whole days from now until `iso` (negative once past). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.floor((Date.parse(iso) - now) / DAY_MS);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The latest expiry date the severity allows, as a date input's max (end of that day must stay inside). */
export function maxExpiryDate(maxDays: number, now = Date.now()): string {
  return new Date(now + (maxDays - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** An expiry date from a date input: the end of that day, UTC. */
export function expiryFromDate(date: string): string {
  return `${date}T23:59:59.000Z`;
}

/** "resource uid | reason" per line; lines without a reason are reported, not dropped silently. */
export function parseExclusions(text: string): {
  exclusions: { resourceUid: string; reason: string }[];
  problems: string[];
} {
  const exclusions: { resourceUid: string; reason: string }[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const at = line.indexOf('|');
    const uid = (at < 0 ? line : line.slice(0, at)).trim();
    const reason = at < 0 ? '' : line.slice(at + 1).trim();
    if (!uid || reason.length < 5)
      problems.push(`line ${i + 1}: give "resource uid | reason (5+ characters)"`);
    else exclusions.push({ resourceUid: uid, reason });
  });
  return { exclusions, problems };
}
