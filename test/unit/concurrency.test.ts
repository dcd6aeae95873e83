// The collection scheduler on its own, with fake calls and fake AWS errors: the adaptive limit halves on
// throttling and creeps back (AIMD), never exceeds its bounds, the run's cap serves the queue with the most
// work left first, and cancelling a run stops queued calls with one listener on the analyst's signal.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  AdaptiveLimit,
  CallScheduler,
  isThrottlingError,
  PriorityGate,
  settleAll,
} from '../../main/collect/concurrency';

/** An error shaped like the SDK's service exceptions (name + $metadata), as errorCode() reads them. */
function awsError(name: string, status = 400, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} from the fake service`), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status },
    ...extra,
  });
}

const tick = () => new Promise((r) => setTimeout(r, 1));

/** A call that stays in flight until released. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

describe('isThrottlingError', () => {
  it.each([
    ['ThrottlingException', 400],
    ['TooManyRequestsException', 400],
    ['SlowDown', 503],
    ['RequestLimitExceeded', 503],
    ['Throttling', 400],
  ])('classifies %s as throttling', (name, status) => {
    expect(isThrottlingError(awsError(name, status))).toBe(true);
  });

  it('classifies a bare 429, a code-less 503 and a $retryable.throttling error as throttling', () => {
    expect(isThrottlingError(awsError('UnknownError', 429))).toBe(true);
    expect(isThrottlingError(awsError('503', 503))).toBe(true);
    expect(isThrottlingError(awsError('Whatever', 400, { $retryable: { throttling: true } }))).toBe(true);
  });

  it('does not classify access denied, timeouts or non-errors as throttling', () => {
    expect(isThrottlingError(awsError('AccessDenied', 403))).toBe(false);
    expect(isThrottlingError(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toBe(false);
    expect(isThrottlingError('ThrottlingException')).toBe(false);
  });
});

describe('AdaptiveLimit (AIMD)', () => {
  it('never runs more than its limit at once', async () => {
    const limit = new AdaptiveLimit(3);
    let now = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limit.run(async () => {
          peak = Math.max(peak, ++now);
          await tick();
          now--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(limit.maxInFlight).toBe(3);
    expect(limit.calls).toBe(12);
  });

  it('halves on a throttle, once per round of calls that were already in flight, and not below 1', async () => {
    const limit = new AdaptiveLimit(8);
    const gates = Array.from({ length: 8 }, () => gate());
    // Every in-flight call reports a throttle: they describe one rate, so the limit halves once (8 -> 4).
    const runs = gates.map((g) =>
      limit.run(async (call) => {
        await g.done;
        limit.throttled(call);
      }),
    );
    await tick();
    expect(limit.inFlight).toBe(8);
    gates.forEach((g) => g.release());
    await Promise.all(runs);
    expect(limit.throttles).toBe(8);
    expect(limit.limit).toBe(4);

    // A throttle from a call started after the decrease is new information: 4 -> 2 -> 1 -> 1.
    for (const expected of [2, 1, 1]) {
      await limit.run(async (call) => limit.throttled(call));
      expect(limit.limit).toBe(expected);
    }
  });

  it('creeps back up by one per round of successes, up to its maximum', async () => {
    const limit = new AdaptiveLimit(4);
    await limit.run(async (call) => limit.throttled(call)); // 4 -> 2
    await limit.run(async (call) => limit.throttled(call)); // 2 -> 1
    expect(limit.limit).toBe(1);
    const trace: number[] = [];
    for (let i = 0; i < 12; i++) {
      await limit.run(async () => {});
      trace.push(limit.limit);
    }
    // One success at limit 1 -> 2; two at 2 -> 3; three at 3 -> 4; then it stays at the maximum.
    expect(trace).toEqual([2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4]);
    expect(limit.lowestLimit).toBe(1);
  });

  it('starts queued calls again when the limit comes back up', async () => {
    const limit = new AdaptiveLimit(2);
    await limit.run(async (call) => limit.throttled(call)); // 2 -> 1
    let now = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        limit.run(async () => {
          peak = Math.max(peak, ++now);
          await tick();
          now--;
        }),
      ),
    );
    expect(limit.limit).toBe(2);
    expect(peak).toBe(2);
  });
});

describe('PriorityGate', () => {
  it('gives a freed slot to the queue with the most rounds of work left, not to the first to ask', async () => {
    const gate = new PriorityGate(1);
    const short = new AdaptiveLimit(1);
    const long = new AdaptiveLimit(1);
    await gate.acquire(short); // the one slot is taken
    const order: string[] = [];
    const waits = [
      gate.acquire(short).then(() => order.push('short')),
      gate.acquire(long).then(() => order.push('long 1')),
      gate.acquire(long).then(() => order.push('long 2')),
    ];
    for (let i = 0; i < 3; i++) {
      gate.release();
      await tick();
    }
    await Promise.all(waits);
    // long had two calls waiting at limit 1 (two rounds), short one: long goes first although short asked first.
    expect(order).toEqual(['long 1', 'short', 'long 2']);
  });
});

describe('CallScheduler', () => {
  it('bounds each (service, region) queue and the run as a whole, and counts what it did', async () => {
    const scheduler = new CallScheduler(new AbortController().signal, {
      limits: { iam: 2, s3: 3 },
      totalLimit: 4,
    });
    let now = 0;
    let peak = 0;
    const call = () => async () => {
      peak = Math.max(peak, ++now);
      await tick();
      now--;
    };
    await Promise.all([
      ...Array.from({ length: 10 }, () => scheduler.run('iam', 'global', call())),
      ...Array.from({ length: 10 }, () => scheduler.run('s3', 'us-east-1', call())),
      ...Array.from({ length: 10 }, () => scheduler.run('s3', 'eu-west-1', call())),
    ]);
    const stats = scheduler.stats();
    expect(peak).toBe(4);
    expect(stats.maxInFlight).toBe(4);
    expect(stats.calls).toBe(30);
    expect(stats.perService.iam).toMatchObject({ calls: 10, limit: 2 });
    expect(stats.perService.iam.maxInFlight).toBeLessThanOrEqual(2);
    expect(stats.perService.s3.calls).toBe(20);
    expect(stats.perService.s3.maxInFlight).toBeLessThanOrEqual(3);
    // Usable: iam 2 + s3 3 + s3 3 = 8, capped by the run's 4.
    expect(stats.usableConcurrency).toBe(4);
    scheduler.close();
  });

  it('routes a throttled attempt to the queue of the call it belongs to', async () => {
    const scheduler = new CallScheduler(new AbortController().signal, { limits: { ec2: 8 } });
    await scheduler.run('ec2', 'us-west-2', async (slot) => {
      slot.noteAttemptError(awsError('RequestLimitExceeded', 503));
      slot.noteAttemptError(awsError('AccessDenied', 403)); // not throttling: ignored
    });
    expect(scheduler.limiterFor('ec2', 'us-west-2').limit).toBe(4);
    expect(scheduler.limiterFor('ec2', 'eu-west-1').limit).toBe(8);
    expect(scheduler.stats().throttles).toBe(1);
    scheduler.close();
  });

  it('puts one listener on the run signal however many calls are in flight, and cancel stops them all', async () => {
    const controller = new AbortController();
    const scheduler = new CallScheduler(controller.signal, { limits: { s3: 20 }, totalLimit: 20 });
    const seen: AbortSignal[] = [];
    let started = 0;
    const runs = Array.from({ length: 40 }, () =>
      scheduler.run(
        's3',
        'us-east-1',
        ({ signal }) =>
          new Promise<void>((resolve, reject) => {
            started++;
            seen.push(signal);
            signal.addEventListener('abort', () => reject(new Error('aborted in flight')), { once: true });
            void resolve;
          }),
      ),
    );
    await tick();
    expect(started).toBe(20);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    const results = await Promise.allSettled(runs);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    // The 20 queued calls never started: they failed with the analyst's cancel, not by running.
    expect(started).toBe(20);
    expect(seen.every((s) => s.aborted)).toBe(true);
    const reasons = results.map((r) => (r as PromiseRejectedResult).reason as Error);
    expect(reasons.filter((e) => e.name === 'AbortError')).toHaveLength(20);
    scheduler.close();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('settleAll', () => {
  it('waits for every branch before rethrowing the first failure', async () => {
    let slowFinished = false;
    const slow = new Promise<void>((r) =>
      setTimeout(() => {
        slowFinished = true;
        r();
      }, 20),
    );
    await expect(settleAll([Promise.reject(new Error('first')), slow])).rejects.toThrow('first');
    expect(slowFinished).toBe(true);
  });
});
