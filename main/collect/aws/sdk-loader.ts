// The only place AWS SDK client packages (and @aws-sdk/credential-providers) are loaded: each one with a
// dynamic import() the first time a collector, the identity call or a credential provider asks for it.
//
// Why dynamic: the bundles keep node_modules external (scripts/build-main.mjs), and esbuild hoists a static
// import of an external package to the top of the bundle even when the module that wrote it is itself loaded
// lazily. One static import anywhere would make every process load the SDK at start-up: an Azure snapshot,
// an export or verify job, every CLI command (about 150 MB and over a second for all of them, measured on
// the job worker). test/unit/aws-sdk-lazy.test.ts keeps it so.
//
// Why one table of cached promises rather than `await import()` in each collector: collectors ask per region,
// per user, per key, per bucket. A repeated import() costs a resolution each time, which is ~9 us in a plain
// Node process but ~230 us under a module hook (tsx in development, tests and the bench), so thousands of
// resources paid for it in wall time; a settled promise costs ~2 us. The table also lists, in one place,
// every SDK package the app may load.
//
// Collectors use it as `const { KMSClient, ListKeysCommand } = await awsSdk.kms();` and name SDK types with
// `import type` only.
import { loadOnce } from '../load-once';

export const awsSdk = {
  accessAnalyzer: loadOnce(() => import('@aws-sdk/client-accessanalyzer')),
  acm: loadOnce(() => import('@aws-sdk/client-acm')),
  backup: loadOnce(() => import('@aws-sdk/client-backup')),
  cloudTrail: loadOnce(() => import('@aws-sdk/client-cloudtrail')),
  cloudWatch: loadOnce(() => import('@aws-sdk/client-cloudwatch')),
  cloudWatchLogs: loadOnce(() => import('@aws-sdk/client-cloudwatch-logs')),
  configService: loadOnce(() => import('@aws-sdk/client-config-service')),
  credentialProviders: loadOnce(() => import('@aws-sdk/credential-providers')),
  dynamoDb: loadOnce(() => import('@aws-sdk/client-dynamodb')),
  ec2: loadOnce(() => import('@aws-sdk/client-ec2')),
  efs: loadOnce(() => import('@aws-sdk/client-efs')),
  elastiCache: loadOnce(() => import('@aws-sdk/client-elasticache')),
  elbv2: loadOnce(() => import('@aws-sdk/client-elastic-load-balancing-v2')),
  guardDuty: loadOnce(() => import('@aws-sdk/client-guardduty')),
  iam: loadOnce(() => import('@aws-sdk/client-iam')),
  kms: loadOnce(() => import('@aws-sdk/client-kms')),
  lambda: loadOnce(() => import('@aws-sdk/client-lambda')),
  organizations: loadOnce(() => import('@aws-sdk/client-organizations')),
  rds: loadOnce(() => import('@aws-sdk/client-rds')),
  s3: loadOnce(() => import('@aws-sdk/client-s3')),
  s3Control: loadOnce(() => import('@aws-sdk/client-s3-control')),
  secretsManager: loadOnce(() => import('@aws-sdk/client-secrets-manager')),
  securityHub: loadOnce(() => import('@aws-sdk/client-securityhub')),
  sns: loadOnce(() => import('@aws-sdk/client-sns')),
  sqs: loadOnce(() => import('@aws-sdk/client-sqs')),
  sts: loadOnce(() => import('@aws-sdk/client-sts')),
};
