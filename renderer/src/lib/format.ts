// Display formatting shared by the views. Timestamps stay ISO-like (UTC, seconds) because auditors compare
// them with logs and the workbook; locale formats invite misreading day/month.

export function formatTimestamp(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

export function shortHash(hash: string | null, length = 12): string {
  if (!hash) return '—';
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? 'null';
  } catch {
    return String(value);
  }
}

/**
 * A count with its noun agreeing: "1 gap", "2 gaps", "1,500 findings". `many` covers irregular plurals and
 * a verb that must agree too: plural(1, 'finding passes', 'findings pass') -> "1 finding passes",
 * plural(3, ...) -> "3 findings pass". The one pluraliser of the UI: every count shown goes through it.
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
