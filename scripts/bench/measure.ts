// Measuring for `npm run bench`: wall time, the process's true peak RSS, and event-loop delay.
// Peak RSS comes from the kernel (VmHWM in /proc/self/status), not from a JS timer: a timer cannot sample
// during a synchronous phase, which is exactly where memory peaks. Writing "5" to /proc/self/clear_refs
// resets the high-water mark, so each phase reports its own peak.
import fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const MiB = 1024 * 1024;

function statusKiB(field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Resets the kernel's peak-RSS mark for this process (Linux); elsewhere peaks are process-lifetime. */
export function resetPeakRss(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux, or not permitted: peakRssMiB() then reports the lifetime peak
  }
}

/** Peak resident memory since the last reset, in MiB (falls back to the current RSS off Linux). */
export function peakRssMiB(): number {
  const kib = statusKiB('VmHWM');
  return kib !== null ? kib / 1024 : process.memoryUsage().rss / MiB;
}

export type Measured<T> = { value: T; ms: number; peakMiB: number };

/** Runs one phase, reporting its wall time and its own peak RSS. */
export async function measure<T>(fn: () => Promise<T> | T): Promise<Measured<T>> {
  resetPeakRss();
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0, peakMiB: peakRssMiB() };
}

/** Max event-loop delay (ms) on this thread while fn runs: how long the thread that serves the UI was blocked. */
export async function maxEventLoopDelay<T>(fn: () => Promise<T>): Promise<{ value: T; maxDelayMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  try {
    const value = await fn();
    return { value, maxDelayMs: h.max / 1e6 };
  } finally {
    h.disable();
  }
}

export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
export const fmtMiB = (mib: number) => `${mib.toFixed(0)} MiB`;
