// What a collector produces. Collectors only ever append to a CollectionSink; the snapshot runner owns the
// database write, so a collector can never leave a half-written snapshot behind.
//
// The sink is also where redaction is guaranteed: whatever a collector forgot to redact (a tag, a name, a
// description, an error message echoing a parameter) is redacted here before it is kept, so nothing reaches
// storage, exports or the UI unredacted. Collectors may still redact first; redaction is idempotent.
import type { SnapshotProgress } from '../../shared/domain';
import type { CollectedResource, CollectionGap, RawResponse, RedactionCount } from '../core/evidence-rows';
import { redactWithReport, type RedactionReport } from './redact';

// The row types live below collect and store (main/core/evidence-rows.ts); re-exported for the collectors.
export type { CollectedResource, CollectionGap, RawResponse, RedactionCount };

export interface CollectionSink {
  resource(r: CollectedResource): void;
  raw(r: RawResponse): void;
  gap(e: CollectionGap): void;
  progress(p: Omit<SnapshotProgress, 'snapshotId'>): void;
  /** Set when the analyst cancels; collectors check it between API calls. */
  readonly signal: AbortSignal;
}

/** Who the snapshot ran as, from STS GetCallerIdentity (or the Azure equivalent). */
export type CallerIdentity = { account: string; arn: string; userId: string };

/**
 * The sink every collector writes to: redacts and counts what was withheld, then hands the clean item to
 * `keep*`. Where items go is the subclass's business: CollectionBuffer keeps them in memory (tests, small
 * tools); the snapshot runner streams them into staging rows (main/store/staging.ts) so memory does not grow
 * with the estate.
 */
export abstract class RedactingSink implements CollectionSink {
  /** One entry per target, merged as items arrive; only targets where something was withheld. */
  readonly redactions: RedactionCount[] = [];
  private readonly redactionsByTarget = new Map<string, RedactionCount>();
  constructor(
    readonly signal: AbortSignal,
    private readonly onProgress: (p: Omit<SnapshotProgress, 'snapshotId'>) => void = () => {},
  ) {}
  protected abstract keepResource(r: CollectedResource): void;
  protected abstract keepRaw(r: RawResponse): void;
  protected abstract keepGap(e: CollectionGap): void;

  resource(r: CollectedResource): void {
    const uid = redactWithReport(r.uid);
    const name = redactWithReport(r.name);
    const tags = redactWithReport(r.tags, { userKeys: true });
    const config = redactWithReport(r.config);
    const clean: CollectedResource = {
      ...r,
      uid: uid.value as string,
      name: name.value as string,
      tags: (tags.value ?? {}) as Record<string, string>,
      config: (config.value ?? {}) as Record<string, unknown>,
    };
    this.count(clean.uid, [uid, name, tags, config]);
    this.keepResource(clean);
  }
  raw(r: RawResponse): void {
    const params = redactWithReport(r.params);
    const response = redactWithReport(r.response);
    const clean: RawResponse = {
      ...r,
      params: (params.value ?? {}) as Record<string, unknown>,
      response: response.value,
    };
    this.count(`${r.service}/${r.region}/${r.operation}`, [params, response]);
    this.keepRaw(clean);
  }
  gap(e: CollectionGap): void {
    // AWS error messages echo request parameters and resource names, which may hold a secret.
    const message = redactWithReport(e.message);
    const code = redactWithReport(e.code);
    // The resource a gap names comes from a collected name (bucket, user, key id), redacted like any name.
    const resource = redactWithReport(e.resource ?? null);
    this.count(`${e.service}/${e.region}/${e.operation}`, [message, code, resource]);
    this.keepGap({
      ...e,
      resource: (resource.value as string | null) ?? null,
      message: message.value as string,
      code: code.value as string,
    });
  }
  progress(p: Omit<SnapshotProgress, 'snapshotId'>): void {
    // Progress is shown and streamed to the UI but not stored, so it is redacted without being counted (the
    // same text would otherwise count once per event).
    this.onProgress({ ...p, message: redactWithReport(p.message).value as string });
  }

  private count(target: string, reports: readonly RedactionReport[]): void {
    const count = reports.reduce((n, r) => n + r.count, 0);
    if (count === 0) return;
    let entry = this.redactionsByTarget.get(target);
    if (!entry) {
      entry = { target, count: 0, kinds: [] };
      this.redactionsByTarget.set(target, entry);
      this.redactions.push(entry);
    }
    entry.count += count;
    entry.kinds = [...new Set([...entry.kinds, ...reports.flatMap((r) => r.kinds)])].sort();
  }
}

/** Keeps everything collected in memory: for tests and tools that inspect what a collector produced. */
export class CollectionBuffer extends RedactingSink {
  readonly resources: CollectedResource[] = [];
  readonly raws: RawResponse[] = [];
  readonly gaps: CollectionGap[] = [];
  protected keepResource(r: CollectedResource): void {
    this.resources.push(r);
  }
  protected keepRaw(r: RawResponse): void {
    this.raws.push(r);
  }
  protected keepGap(e: CollectionGap): void {
    this.gaps.push(e);
  }
}
