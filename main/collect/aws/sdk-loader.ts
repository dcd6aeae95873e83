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

/** `load` once; concurrent callers share the first load, and a failed load is tried again next time. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}

export const awsSdk = {
  accessAnalyzer: once(() => import('@aws-sdk/client-accessanalyzer')),
  acm: once(() => import('@aws-sdk/client-acm')),
  backup: once(() => import('@aws-sdk/client-backup')),
  cloudTrail: once(() => import('@aws-sdk/client-cloudtrail')),
  cloudWatch: once(() => import('@aws-sdk/client-cloudwatch')),
  cloudWatchLogs: once(() => import('@aws-sdk/client-cloudwatch-logs')),
  configService: once(() => import('@aws-sdk/client-config-service')),
  credentialProviders: once(() => import('@aws-sdk/credential-providers')),
  dynamoDb: once(() => import('@aws-sdk/client-dynamodb')),
  ec2: once(() => import('@aws-sdk/client-ec2')),
  efs: once(() => import('@aws-sdk/client-efs')),
  elastiCache: once(() => import('@aws-sdk/client-elasticache')),
  elbv2: once(() => import('@aws-sdk/client-elastic-load-balancing-v2')),
  guardDuty: once(() => import('@aws-sdk/client-guardduty')),
  iam: once(() => import('@aws-sdk/client-iam')),
  kms: once(() => import('@aws-sdk/client-kms')),
  lambda: once(() => import('@aws-sdk/client-lambda')),
  organizations: once(() => import('@aws-sdk/client-organizations')),
  rds: once(() => import('@aws-sdk/client-rds')),
  s3: once(() => import('@aws-sdk/client-s3')),
  s3Control: once(() => import('@aws-sdk/client-s3-control')),
  secretsManager: once(() => import('@aws-sdk/client-secrets-manager')),
  securityHub: once(() => import('@aws-sdk/client-securityhub')),
  sns: once(() => import('@aws-sdk/client-sns')),
  sqs: once(() => import('@aws-sdk/client-sqs')),
  sts: once(() => import('@aws-sdk/client-sts')),
};
