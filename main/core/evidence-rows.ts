// The rows a collection produces, as the store keeps them. They live here, below both main/collect (which
// produces them) and main/store (which stages, seals and hashes them), so the store never imports the
// collectors: evidence storage must not depend on how evidence was gathered.
import type { CollectionError, Provider } from '../../shared/domain';

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

/**
 * A call that failed. `resource` names what the call was about (a bucket, a user, a key id...) so the analyst
 * knows which finding the gap turns into an error; absent or null when the call is account-wide.
 */
export type CollectionGap = Omit<CollectionError, 'resource'> & { resource?: string | null };

/**
 * How many values were redacted in one collected item, and of which kinds (e.g. 'key-name', 'aws-secret-key'):
 * the snapshot's collection log says what was withheld, never the value itself. `target` is the resource uid,
 * or `<service>/<region>/<operation>` for a raw response or a collection gap.
 */
export type RedactionCount = { target: string; count: number; kinds: string[] };
