// S3 responses (REST-XML), path-style (/bucket?subresource). Follow-up calls sent to the wrong region get
// S3's real 301 PermanentRedirect, so a collector that ignores bucket regions is caught by the tests.
import type { Estate, EstateBucket } from '../../estate/types';
import { isoDaysAgo, s3Error, s3Ok } from '../wire';
import { UnknownOperation, type Responder } from './types';

const GROUP_URI = {
  AllUsers: 'http://acs.amazonaws.com/groups/global/AllUsers',
  AuthenticatedUsers: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
  LogDelivery: 'http://acs.amazonaws.com/groups/s3/LogDelivery',
};

/** The S3 operation a path-style request means, from its method and query-string subresource. */
export function s3Operation(method: string, bucket: string | undefined, query: URLSearchParams): string {
  if (method !== 'GET') return `${method}Unsupported`;
  if (!bucket) return 'ListBuckets';
  const sub: Record<string, string> = {
    location: 'GetBucketLocation',
    publicAccessBlock: 'GetPublicAccessBlock',
    policyStatus: 'GetBucketPolicyStatus',
    acl: 'GetBucketAcl',
    encryption: 'GetBucketEncryption',
    versioning: 'GetBucketVersioning',
    logging: 'GetBucketLogging',
  };
  for (const key of query.keys()) if (sub[key]) return sub[key];
  return 'ListObjects';
}

function acl(estate: Estate, b: EstateBucket) {
  const owner = { ID: estate.s3Owner.id, DisplayName: estate.s3Owner.displayName };
  const grantee = (attrs: Record<string, string>, type: string) => ({
    '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    '@_xsi:type': type,
    ...attrs,
  });
  return {
    Owner: owner,
    AccessControlList: {
      Grant: [
        { Grantee: grantee(owner, 'CanonicalUser'), Permission: 'FULL_CONTROL' },
        ...(b.aclGrants ?? []).map((g) => ({
          Grantee: grantee({ URI: GROUP_URI[g.group] }, 'Group'),
          Permission: g.permission,
        })),
      ],
    },
  };
}

export const s3Responder: Responder = (estate, req) => {
  const { now } = req;
  if (req.operation === 'ListBuckets') {
    return s3Ok('ListAllMyBucketsResult', {
      Owner: { ID: estate.s3Owner.id, DisplayName: estate.s3Owner.displayName },
      Buckets: {
        Bucket: estate.buckets.map((b) => ({
          Name: b.name,
          CreationDate: isoDaysAgo(now, b.createdDaysAgo),
          BucketRegion: b.region,
        })),
      },
    });
  }
  const b = estate.buckets.find((x) => x.name === req.bucket);
  if (!b)
    return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', {
      BucketName: req.bucket ?? '',
    });
  if (req.operation === 'GetBucketLocation') {
    // us-east-1 answers with an empty LocationConstraint, as S3 does.
    return s3Ok('LocationConstraint', b.locationConstraint ?? (b.region === 'us-east-1' ? '' : b.region));
  }
  if (req.region !== b.region) {
    return s3Error(
      301,
      'PermanentRedirect',
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
      { Endpoint: `s3.${b.region}.amazonaws.com`, Bucket: b.name },
      { 'x-amz-bucket-region': b.region },
    );
  }
  switch (req.operation) {
    case 'GetPublicAccessBlock':
      if (!b.publicAccessBlock) {
        return s3Error(
          404,
          'NoSuchPublicAccessBlockConfiguration',
          'The public access block configuration was not found',
          { BucketName: b.name },
        );
      }
      return s3Ok('PublicAccessBlockConfiguration', { ...b.publicAccessBlock });
    case 'GetBucketPolicyStatus':
      if (b.policyIsPublic === null)
        return s3Error(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist', { BucketName: b.name });
      return s3Ok('PolicyStatus', { IsPublic: b.policyIsPublic });
    case 'GetBucketAcl':
      return s3Ok('AccessControlPolicy', acl(estate, b));
    case 'GetBucketEncryption':
      if (!b.encryption) {
        return s3Error(
          404,
          'ServerSideEncryptionConfigurationNotFoundError',
          'The server side encryption configuration was not found',
          { BucketName: b.name },
        );
      }
      return s3Ok('ServerSideEncryptionConfiguration', {
        Rule: {
          ApplyServerSideEncryptionByDefault: {
            SSEAlgorithm: b.encryption.algorithm,
            ...(b.encryption.kmsKeyId ? { KMSMasterKeyID: b.encryption.kmsKeyId } : {}),
          },
          BucketKeyEnabled: b.encryption.bucketKey ?? false,
        },
      });
    case 'GetBucketVersioning':
      return s3Ok(
        'VersioningConfiguration',
        b.versioning
          ? {
              Status: b.versioning.status,
              ...(b.versioning.mfaDelete ? { MfaDelete: b.versioning.mfaDelete } : {}),
            }
          : {},
      );
    case 'GetBucketLogging':
      return s3Ok(
        'BucketLoggingStatus',
        b.logging
          ? { LoggingEnabled: { TargetBucket: b.logging.targetBucket, TargetPrefix: b.logging.targetPrefix } }
          : {},
      );
    default:
      throw new UnknownOperation();
  }
};
