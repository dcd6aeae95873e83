/** A plain fixed-width table for terminals; long cells are cut so a row stays on one line. */
export function formatTable(headers: string[], rows: string[][], maxCell = 60): string {
  const cut = (s: string) => (s.length > maxCell ? `${s.slice(0, maxCell - 1)}…` : s);
  const all = [headers, ...rows].map((r) => r.map(cut));
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(all[0]), line(widths.map((w) => '-'.repeat(w))), ...all.slice(1).map(line)].join('\n') + '\n';
}
