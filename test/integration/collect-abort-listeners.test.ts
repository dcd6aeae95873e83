// One AbortSignal listener per run: a demo collection has hundreds of calls and dozens of (service, region)
// units in flight at once. If anything handed the run's signal to each call (the SDK adds an 'abort' listener
// to the signal of every request it sends), the run's signal would collect one listener per call in flight and
// Node would print MaxListenersExceededWarning. The scheduler gives each call its own child signal instead.
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../fixtures/aws/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('cancellation listeners on the run signal', () => {
  it('stays at one listener however many calls are in flight, with no MaxListenersExceededWarning', async () => {
    h = await startHarness();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const signal = h.controller.signal;
    let most = 0;
    // Sampled on every progress event (one per unit start and end, across every service and region), i.e.
    // while the units' calls are in flight.
    const seen: string[] = [];
    const original = h.buffer.progress.bind(h.buffer);
    h.buffer.progress = (p) => {
      most = Math.max(most, getEventListeners(signal, 'abort').length);
      if (p.service && p.region) seen.push(`${p.service}/${p.region}`);
      original(p);
    };
    try {
      const { stats } = await h.collect();
      // A real workload: many calls, many overlapping.
      expect(stats.calls).toBeGreaterThan(100);
      expect(stats.maxInFlight).toBeGreaterThan(10);
    } finally {
      process.off('warning', onWarning);
    }
    expect(most).toBeGreaterThanOrEqual(1);
    expect(most).toBeLessThanOrEqual(2);
    // The run's listener is removed when collection ends.
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    // Progress is still reported per service and region.
    expect(new Set(seen).size).toBeGreaterThan(10);
    expect(seen).toEqual(expect.arrayContaining(['iam/global', 's3/global', 'ec2/us-east-1']));
  });
});
