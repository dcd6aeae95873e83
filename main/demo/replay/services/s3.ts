// S3 responses (REST-XML), path-style (/bucket?subresource). Follow-up calls sent to the wrong region get
// S3's real 301 PermanentRedirect, so a collector that ignores bucket regions is caught by the tests.
// GetBucketPolicy is the one JSON answer: S3 returns the policy document itself as the body.
import type { Estate, EstateBucket } from '../../estate/types';
import { isoDaysAgo, requestId, s3Error, s3Ok, type ReplayResponse } from '../wire';
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
    policy: 'GetBucketPolicy',
    tagging: 'GetBucketTagging',
    'object-lock': 'GetObjectLockConfiguration',
    lifecycle: 'GetBucketLifecycleConfiguration',
    ownershipControls: 'GetBucketOwnershipControls',
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

/**
 * The policy document GetBucketPolicy serves: the bucket's own, or one consistent with policyIsPublic (a
 * public-read grant, or a TLS-only deny that makes nobody public), or null when the bucket has none.
 */
export function bucketPolicyOf(b: EstateBucket): { Version: string; Statement: unknown } | null {
  if (b.policy) return b.policy;
  if (b.policyIsPublic === null) return null;
  const objects = `arn:aws:s3:::${b.name}/*`;
  if (b.policyIsPublic) {
    return {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: objects },
      ],
    };
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${b.name}`, objects],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

function notFound(b: EstateBucket, code: string, message: string): ReplayResponse {
  return s3Error(404, code, message, { BucketName: b.name });
}

function lifecycleRule(r: NonNullable<EstateBucket['lifecycle']>[number]) {
  return {
    ID: r.id,
    Filter: { Prefix: r.prefix ?? '' },
    Status: r.status,
    ...(r.transitionDays !== undefined
      ? { Transition: { Days: r.transitionDays, StorageClass: r.transitionStorageClass ?? 'GLACIER' } }
      : {}),
    ...(r.expirationDays !== undefined ? { Expiration: { Days: r.expirationDays } } : {}),
    ...(r.noncurrentDays !== undefined
      ? { NoncurrentVersionExpiration: { NoncurrentDays: r.noncurrentDays } }
      : {}),
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
      if (!bucketPolicyOf(b)) return notFound(b, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
      return s3Ok('PolicyStatus', b.policyStatusOmitsIsPublic ? {} : { IsPublic: b.policyIsPublic ?? false });
    case 'GetBucketPolicy': {
      const policy = bucketPolicyOf(b);
      if (!policy) return notFound(b, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
      return {
        status: 200,
        headers: {
          'content-type': 'application/json',
          'x-amz-request-id': requestId().slice(0, 16).toUpperCase(),
        },
        body: JSON.stringify(policy),
      };
    }
    case 'GetBucketTagging': {
      const tags = Object.entries(b.tags ?? {});
      if (tags.length === 0) return notFound(b, 'NoSuchTagSet', 'The TagSet does not exist');
      return s3Ok('Tagging', { TagSet: { Tag: tags.map(([Key, Value]) => ({ Key, Value })) } });
    }
    case 'GetObjectLockConfiguration':
      if (!b.objectLock) {
        return notFound(
          b,
          'ObjectLockConfigurationNotFoundError',
          'Object Lock configuration does not exist for this bucket',
        );
      }
      return s3Ok('ObjectLockConfiguration', {
        ObjectLockEnabled: 'Enabled',
        ...(b.objectLock.defaultRetention
          ? {
              Rule: {
                DefaultRetention: {
                  Mode: b.objectLock.defaultRetention.mode,
                  Days: b.objectLock.defaultRetention.days,
                },
              },
            }
          : {}),
      });
    case 'GetBucketLifecycleConfiguration':
      if (!b.lifecycle?.length) {
        return notFound(b, 'NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist');
      }
      return s3Ok('LifecycleConfiguration', { Rule: b.lifecycle.map(lifecycleRule) });
    case 'GetBucketOwnershipControls':
      if (!b.objectOwnership) {
        return notFound(b, 'OwnershipControlsNotFoundError', 'The bucket ownership controls were not found');
      }
      return s3Ok('OwnershipControls', { Rule: { ObjectOwnership: b.objectOwnership } });
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
