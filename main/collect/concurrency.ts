// How many API calls a collection has on the wire at once. Every call goes through one CallScheduler per run:
// a queue per (service, region) with an adaptive limit, under one cap for the whole run. Bounded per service
// and region because that is how cloud APIs throttle (per account, per regional endpoint); adaptive because
// the published numbers are approximate and shared with everything else the account runs, so the limit is
// halved when the service says "slow down" and crept back up while it answers (AIMD, as TCP does). The SDK's
// own retries (standard mode, exponential back-off with jitter) still run inside each call.
//
// Cancellation: the run's AbortSignal gets ONE listener here; each call gets its own child signal. Handing the
// run's signal to every concurrent SDK request would add one listener per in-flight call to it and trip
// Node's MaxListenersExceededWarning (10) as soon as more than ten calls overlap.
import pLimit, { type LimitFunction } from 'p-limit';
import { abortError, errorCode, isThrottlingCode } from './errors';

/**
 * Default in-flight calls per (service, region). What AWS documents: EC2 throttles non-mutating (Describe*)
 * actions with a token bucket per account and region (burst 100, refill 20 per second); S3 serves 5,500
 * GET/HEAD per second per prefix. IAM (one global control plane, shared with every console session and pipeline
 * of the account) and CloudTrail's management APIs publish no request rate and are the ones that throttle
 * first in practice, so they get the smaller numbers; STS is called once. With 50-200 ms per call, N in flight
 * is 5N-20N requests per second: under the documented rates with room for the account's other traffic, and
 * where a guess is too high the adaptive limit halves it at the first throttle.
 */
export const DEFAULT_LIMITS: Readonly<Record<string, number>> = {
  sts: 2,
  iam: 8,
  ec2: 8,
  s3: 12,
  cloudtrail: 4,
};
/** For a service without its own entry (e.g. a new collector): conservative. */
export const FALLBACK_LIMIT = 4;
/**
 * The whole run's cap: the SDK's HTTP agent pools 50 sockets per host, and an analyst's laptop collecting a
 * big account should not open more connections than a browser would.
 */
export const DEFAULT_TOTAL_LIMIT = 16;

/**
 * Throttling as the AWS SDK v3 itself classifies it (@smithy/service-error-classification: THROTTLING_ERROR_CODES,
 * HTTP 429, or an error modelled as $retryable.throttling). errorCode() already maps a code-less 429/503 to
 * 'Throttling' and isThrottlingCode holds the SDK's list.
 */
export function isThrottlingError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & {
    $metadata?: { httpStatusCode?: number };
    $retryable?: { throttling?: boolean };
  };
  if (e.$retryable?.throttling === true || e.$metadata?.httpStatusCode === 429) return true;
  return isThrottlingCode(errorCode(err)) || isThrottlingCode(e.name);
}

/** One call in an AdaptiveLimit: the epoch (number of decreases) it started in; whether it was throttled. */
export type LimitedCall = { epoch: number; throttled: boolean };

/**
 * One queue whose concurrency adapts: multiplicative decrease (halve, never below 1) on throttling, additive
 * increase (+1 after `limit` successes in a row, i.e. about once per round of calls) up to `max`. Several
 * throttles from calls that were already on the wire when the limit was halved count as one signal: they
 * describe the old rate, not the new one.
 */
export class AdaptiveLimit {
  private readonly queue: LimitFunction;
  private successes = 0;
  private epoch = 0;

  throttles = 0;
  maxInFlight = 0;
  calls = 0;
  /** The lowest the limit went (throttling), for the run's statistics. */
  lowestLimit: number;

  constructor(readonly max: number) {
    if (!(Number.isInteger(max) && max >= 1)) throw new Error(`a concurrency limit must be >= 1, not ${max}`);
    this.queue = pLimit(max);
    this.lowestLimit = max;
  }

  get limit(): number {
    return this.queue.concurrency;
  }
  get inFlight(): number {
    return this.queue.activeCount;
  }
  get waiting(): number {
    return this.queue.pendingCount;
  }

  /** Runs `fn` in the queue; `fn` gets its call's record, to hand back to `throttled` for its attempts. */
  run<T>(fn: (call: LimitedCall) => Promise<T>): Promise<T> {
    return this.queue(async () => {
      this.calls++;
      this.maxInFlight = Math.max(this.maxInFlight, this.queue.activeCount);
      const call: LimitedCall = { epoch: this.epoch, throttled: false };
      const value = await fn(call);
      // A call the SDK only got through by retrying a throttle is no sign that the rate is fine.
      if (!call.throttled) this.succeeded();
      return value;
    });
  }

  /** Called for each throttled attempt of `call`. */
  throttled(call: LimitedCall): void {
    this.throttles++;
    call.throttled = true;
    if (call.epoch < this.epoch) return;
    this.epoch++;
    this.successes = 0;
    this.queue.concurrency = Math.max(1, Math.floor(this.queue.concurrency / 2));
    this.lowestLimit = Math.min(this.lowestLimit, this.queue.concurrency);
  }

  private succeeded(): void {
    if (this.queue.concurrency >= this.max) return;
    if (++this.successes >= this.queue.concurrency) {
      this.successes = 0;
      this.queue.concurrency += 1;
    }
  }
}

/**
 * The run's overall cap, handing a freed slot to the (service, region) queue with the most rounds of work
 * left (calls waiting / its limit) rather than to whichever call asked first. First-come would let a burst of
 * cheap calls (fourteen buckets x six settings) take every slot while the service with the longest chain at
 * the smallest limit (IAM) waits, and the run would then end on IAM alone: longest-remaining-first is the
 * classic rule for finishing a set of queues at the same time.
 */
export class PriorityGate {
  private free: number;
  private readonly waiting = new Map<AdaptiveLimit, (() => void)[]>();

  constructor(readonly size: number) {
    if (!(Number.isInteger(size) && size >= 1))
      throw new Error(`a concurrency cap must be >= 1, not ${size}`);
    this.free = size;
  }

  acquire(queue: AdaptiveLimit): Promise<void> {
    if (this.free > 0 && this.waiting.size === 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const list = this.waiting.get(queue);
      if (list) list.push(resolve);
      else this.waiting.set(queue, [resolve]);
      this.dispatch();
    });
  }

  release(): void {
    this.free++;
    this.dispatch();
  }

  private dispatch(): void {
    while (this.free > 0 && this.waiting.size > 0) {
      let best: AdaptiveLimit | undefined;
      let bestRounds = -1;
      for (const [queue, list] of this.waiting) {
        const rounds = (list.length + queue.waiting) / queue.limit;
        if (rounds > bestRounds) {
          best = queue;
          bestRounds = rounds;
        }
      }
      const list = this.waiting.get(best as AdaptiveLimit) as (() => void)[];
      const next = list.shift() as () => void;
      if (list.length === 0) this.waiting.delete(best as AdaptiveLimit);
      this.free--;
      next();
    }
  }
}

export type ServiceStats = {
  calls: number;
  maxInFlight: number;
  limit: number;
  /** The lowest any of the service's queues went after throttling (= limit when never throttled). */
  lowestLimit: number;
  throttles: number;
};

export type CollectionStats = {
  /** API calls made (one per recordedCall, however many SDK attempts it took). */
  calls: number;
  /** Most calls on the wire at once across the whole run. */
  maxInFlight: number;
  /** The run's cap on calls in flight. */
  totalLimit: number;
  /**
   * Calls in flight the run could actually use: the sum over the (service, region) queues that made calls of
   * min(queue limit, calls made there), capped by totalLimit.
   */
  usableConcurrency: number;
  throttles: number;
  /** Per service: calls summed over regions; maxInFlight the highest of any one (service, region) queue. */
  perService: Record<string, ServiceStats>;
};

/**
 * What a scheduled call is given besides its signal: where to report each failed SDK attempt (from a
 * middleware inside the SDK's retry loop, so throttled attempts the SDK then recovers from still slow the
 * queue down). Passed explicitly rather than found through AsyncLocalStorage: every extra AsyncLocalStorage
 * adds work to every promise the process creates, which profiled as the largest cost of a collection.
 */
export type CallSlot = { signal: AbortSignal; noteAttemptError(err: unknown): void };

export class CallScheduler {
  private readonly limiters = new Map<
    string,
    { service: string; limiter: AdaptiveLimit; onWire: number; maxOnWire: number }
  >();
  private readonly total: PriorityGate;
  private readonly controllers = new Set<AbortController>();
  private readonly onAbort = () => {
    for (const c of this.controllers) c.abort();
  };
  private inFlight = 0;
  private maxInFlight = 0;

  constructor(
    private readonly signal: AbortSignal,
    private readonly opts: { limits?: Record<string, number>; totalLimit?: number } = {},
  ) {
    this.total = new PriorityGate(opts.totalLimit ?? DEFAULT_TOTAL_LIMIT);
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The queue for one (service, region): created on first use with the service's default limit. */
  limiterFor(service: string, region: string): AdaptiveLimit {
    return this.entry(service, region).limiter;
  }

  private entry(service: string, region: string) {
    const key = `${service}\u0000${region}`;
    let entry = this.limiters.get(key);
    if (!entry) {
      const max = this.opts.limits?.[service] ?? DEFAULT_LIMITS[service] ?? FALLBACK_LIMIT;
      entry = { service, limiter: new AdaptiveLimit(max), onWire: 0, maxOnWire: 0 };
      this.limiters.set(key, entry);
    }
    return entry;
  }

  /**
   * Runs one call in its (service, region) queue and the run's overall cap, with its own AbortSignal that
   * follows the run's. A call still queued when the run is cancelled never starts.
   */
  run<T>(service: string, region: string, call: (slot: CallSlot) => Promise<T>): Promise<T> {
    const entry = this.entry(service, region);
    const { limiter } = entry;
    // The (service, region) slot is taken first, so a call waiting for its own busy service never holds one
    // of the run's overall slots.
    return limiter.run(async (limited) => {
      await this.total.acquire(limiter);
      try {
        if (this.signal.aborted) throw abortError();
        const controller = new AbortController();
        this.controllers.add(controller);
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        entry.onWire++;
        entry.maxOnWire = Math.max(entry.maxOnWire, entry.onWire);
        try {
          return await call({
            signal: controller.signal,
            noteAttemptError: (err) => {
              if (isThrottlingError(err)) limiter.throttled(limited);
            },
          });
        } finally {
          this.inFlight--;
          entry.onWire--;
          this.controllers.delete(controller);
        }
      } finally {
        this.total.release();
      }
    });
  }

  stats(): CollectionStats {
    const perService: Record<string, ServiceStats> = {};
    let calls = 0;
    let throttles = 0;
    let usable = 0;
    for (const { service, limiter, maxOnWire } of this.limiters.values()) {
      const s = (perService[service] ??= {
        calls: 0,
        maxInFlight: 0,
        limit: limiter.max,
        lowestLimit: limiter.max,
        throttles: 0,
      });
      s.lowestLimit = Math.min(s.lowestLimit, limiter.lowestLimit);
      s.calls += limiter.calls;
      s.maxInFlight = Math.max(s.maxInFlight, maxOnWire);
      s.throttles += limiter.throttles;
      calls += limiter.calls;
      throttles += limiter.throttles;
      usable += Math.min(limiter.max, limiter.calls);
    }
    const totalLimit = this.total.size;
    return {
      calls,
      maxInFlight: this.maxInFlight,
      totalLimit,
      usableConcurrency: Math.min(usable, totalLimit),
      throttles,
      perService,
    };
  }

  /** Drops the one listener this run put on the analyst's AbortSignal. */
  close(): void {
    this.signal.removeEventListener('abort', this.onAbort);
  }
}

/**
 * Like Promise.all, but waits for every branch before rethrowing the first failure: a cancelled run must not
 * return (and destroy its clients) while sibling branches are still sending.
 */
export async function settleAll(work: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** settleAll for a fixed set of branches, returning their values in order. */
export async function settled<T extends readonly unknown[]>(
  ...work: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  await settleAll(work);
  return (await Promise.all(work)) as unknown as T;
}
