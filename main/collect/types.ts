// What a collector produces. Collectors only ever append to a CollectionSink; the snapshot runner owns the
// database write, so a collector can never leave a half-written snapshot behind.
import type { CollectionError, Provider, SnapshotProgress } from '../../shared/domain';

export type CollectedResource = {
  /** ARN (AWS) or ARM id (Azure): unique within a snapshot. */
  uid: string;
  provider: Provider;
  service: string;
  /** CloudFormation-style type name, e.g. AWS::S3::Bucket (see main/collect/aws/shapes.ts). */
  type: string;
  /** Region, or 'global' for account-wide services such as IAM. */
  region: string;
  name: string;
  tags: Record<string, string>;
  /** The provider's own description of the resource, as returned by its API (after redaction). */
  config: Record<string, unknown>;
};

export type RawResponse = {
  service: string;
  region: string;
  operation: string;
  params: Record<string, unknown>;
  response: unknown;
};

export type CollectionGap = CollectionError;

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

export class CollectionBuffer implements CollectionSink {
  readonly resources: CollectedResource[] = [];
  readonly raws: RawResponse[] = [];
  readonly gaps: CollectionGap[] = [];
  constructor(
    readonly signal: AbortSignal,
    private readonly onProgress: (p: Omit<SnapshotProgress, 'snapshotId'>) => void = () => {},
  ) {}
  resource(r: CollectedResource): void {
    this.resources.push(r);
  }
  raw(r: RawResponse): void {
    this.raws.push(r);
  }
  gap(e: CollectionGap): void {
    this.gaps.push(e);
  }
  progress(p: Omit<SnapshotProgress, 'snapshotId'>): void {
    this.onProgress(p);
  }
}
