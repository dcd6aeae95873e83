// The demo organisation's app facts, per account id (see main/demo/estate/sections/app.ts for the shape).
// Comments say which check passes or fails on what, so a reader can predict the demo's findings. Runtime
// support is judged against AWS's published deprecation dates, which are absolute: the "supported" runtimes
// below (python3.13, nodejs24.x, java21) stay supported until at least 2028.
import type { AppServicesEstate, PolicyDocument } from '../sections/app';

const MGMT = '111122223333';
const MEMBER = '444455556666';

const topicArn = (account: string, region: string, name: string) => `arn:aws:sns:${region}:${account}:${name}`;
const queueArn = (account: string, region: string, name: string) => `arn:aws:sqs:${region}:${account}:${name}`;
const functionArn = (account: string, region: string, name: string) =>
  `arn:aws:lambda:${region}:${account}:function:${name}`;

const doc = (...Statement: Record<string, unknown>[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

export const APP_ESTATE: Record<string, AppServicesEstate> = {
  [MGMT]: {
    topics: [
      // PASS encryption (KMS), PASS public (SNS's default owner-only policy).
      { region: 'us-east-1', name: 'nwh-patient-alerts', kmsKeyId: 'alias/nwh-sns' },
      // PASS both: a wildcard principal narrowed to CloudWatch alarms of this account by aws:SourceArn.
      {
        region: 'us-east-1',
        name: 'nwh-ops-alarms',
        kmsKeyId: 'alias/aws/sns',
        policy: doc({
          Sid: 'AllowCloudWatchAlarms',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'SNS:Publish',
          Resource: topicArn(MGMT, 'us-east-1', 'nwh-ops-alarms'),
          Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:us-east-1:${MGMT}:alarm:*` } },
        }),
      },
      // FAIL both: not encrypted, and anyone may subscribe or publish (Principal "*", no condition).
      {
        region: 'us-east-1',
        name: 'nwh-public-status',
        policy: doc({
          Sid: 'PublicSubscribe',
          Effect: 'Allow',
          Principal: '*',
          Action: ['SNS:Subscribe', 'SNS:Publish'],
          Resource: topicArn(MGMT, 'us-east-1', 'nwh-public-status'),
        }),
      },
      // FAIL encryption (no KMS key), PASS public (default policy).
      { region: 'us-east-1', name: 'nwh-billing-events' },
      // PASS both: KMS, and a grant to the member account only (cross-account, not public).
      {
        region: 'eu-west-1',
        name: 'nwh-eu-claims-events',
        kmsKeyId: 'alias/nwh-sns-eu',
        policy: doc({
          Sid: 'DevAccountSubscribe',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${MEMBER}:root` },
          Action: 'SNS:Subscribe',
          Resource: topicArn(MGMT, 'eu-west-1', 'nwh-eu-claims-events'),
        }),
      },
    ],
    queues: [
      // PASS both: SSE-KMS, no queue policy.
      { region: 'us-east-1', name: 'nwh-claims-intake', kmsKeyId: 'alias/nwh-sqs' },
      // PASS both: SSE-SQS, no queue policy.
      { region: 'us-east-1', name: 'nwh-claims-intake-dlq', sqsManagedSse: true },
      // FAIL both: SSE off, and anyone may send messages (Principal "*", no condition).
      {
        region: 'us-east-1',
        name: 'nwh-legacy-webhooks',
        sqsManagedSse: false,
        policy: doc({
          Sid: 'AnyoneCanSend',
          Effect: 'Allow',
          Principal: '*',
          Action: 'sqs:SendMessage',
          Resource: queueArn(MGMT, 'us-east-1', 'nwh-legacy-webhooks'),
        }),
      },
      // PASS both: SSE-SQS; "*" restricted to one SNS topic by aws:SourceArn.
      {
        region: 'us-west-2',
        name: 'nwh-analytics-ingest',
        sqsManagedSse: true,
        policy: doc({
          Sid: 'FromClaimsTopic',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sqs:SendMessage',
          Resource: queueArn(MGMT, 'us-west-2', 'nwh-analytics-ingest'),
          Condition: { ArnEquals: { 'aws:SourceArn': topicArn(MGMT, 'us-east-1', 'nwh-patient-alerts') } },
        }),
      },
      // FAIL encryption (SSE off), PASS public (no policy).
      { region: 'eu-west-1', name: 'nwh-eu-notifications', sqsManagedSse: false },
    ],
    functions: [
      // PASS everything: supported runtime, no resource policy, no URL.
      { region: 'us-east-1', name: 'nwh-claims-processor', runtime: 'python3.13', lastModifiedDaysAgo: 20 },
      // FAIL runtime (python3.7, deprecated 2023-12-04); PASS public (S3 restricted by SourceArn/SourceAccount).
      {
        region: 'us-east-1',
        name: 'nwh-legacy-report-generator',
        runtime: 'python3.7',
        lastModifiedDaysAgo: 1100,
        policy: doc({
          Sid: 's3-invoke',
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: functionArn(MGMT, 'us-east-1', 'nwh-legacy-report-generator'),
          Condition: {
            StringEquals: { 'AWS:SourceAccount': MGMT },
            ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::nwh-legacy-exports' },
          },
        }),
      },
      // FAIL public (Principal "*" may invoke, no condition) and FAIL URL (auth type NONE); PASS runtime.
      {
        region: 'us-east-1',
        name: 'nwh-public-webhook',
        runtime: 'nodejs24.x',
        lastModifiedDaysAgo: 45,
        policy: doc(
          {
            Sid: 'AnyoneInvoke',
            Effect: 'Allow',
            Principal: '*',
            Action: 'lambda:InvokeFunction',
            Resource: functionArn(MGMT, 'us-east-1', 'nwh-public-webhook'),
          },
          {
            Sid: 'FunctionURLAllowPublicAccess',
            Effect: 'Allow',
            Principal: '*',
            Action: 'lambda:InvokeFunctionUrl',
            Resource: functionArn(MGMT, 'us-east-1', 'nwh-public-webhook'),
            Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
          },
        ),
        url: { authType: 'NONE' },
      },
      // Container image: runtime check n/a (the runtime is in the image); no policy, no URL.
      { region: 'us-east-1', name: 'nwh-image-resizer', lastModifiedDaysAgo: 60 },
      // PASS URL (IAM auth), PASS runtime, PASS public (no policy).
      {
        region: 'us-east-1',
        name: 'nwh-status-page-api',
        runtime: 'java21',
        lastModifiedDaysAgo: 12,
        url: { authType: 'AWS_IAM' },
      },
      // FAIL runtime (nodejs16.x, deprecated 2024-06-12); PASS public (grant to the member account only).
      {
        region: 'eu-west-1',
        name: 'nwh-eu-etl',
        runtime: 'nodejs16.x',
        lastModifiedDaysAgo: 700,
        policy: doc({
          Sid: 'DevAccountInvoke',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${MEMBER}:root` },
          Action: 'lambda:InvokeFunction',
          Resource: functionArn(MGMT, 'eu-west-1', 'nwh-eu-etl'),
        }),
      },
    ],
    loadBalancers: [
      // PASS both: HTTPS with the recommended TLS 1.3 policy, HTTP redirects to HTTPS.
      {
        region: 'us-east-1',
        name: 'nwh-web-alb',
        type: 'application',
        scheme: 'internet-facing',
        createdDaysAgo: 900,
        listeners: [
          { port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', action: { type: 'forward' } },
          { port: 80, protocol: 'HTTP', action: { type: 'redirect', protocol: 'HTTPS', port: '443' } },
          // A third listener: DescribeListeners needs two pages for this load balancer.
          { port: 8443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06', action: { type: 'fixed-response' } },
        ],
      },
      // FAIL both: HTTP forwarded in the clear, and HTTPS with ELBSecurityPolicy-2016-08 (TLS 1.0 allowed).
      {
        region: 'us-east-1',
        name: 'nwh-legacy-portal-alb',
        type: 'application',
        scheme: 'internet-facing',
        createdDaysAgo: 2000,
        listeners: [
          { port: 80, protocol: 'HTTP', action: { type: 'forward' } },
          { port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-2016-08', action: { type: 'forward' } },
        ],
      },
      // PASS both: internal, HTTPS only with a restricted TLS 1.2+ policy.
      {
        region: 'us-east-1',
        name: 'nwh-admin-alb',
        type: 'application',
        scheme: 'internal',
        createdDaysAgo: 400,
        listeners: [
          { port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', action: { type: 'forward' } },
        ],
      },
      // FAIL HTTPS (plain HTTP on 8080, "#{protocol}" redirect keeps HTTP); TLS policy n/a (no HTTPS/TLS listener).
      {
        region: 'us-west-2',
        name: 'nwh-internal-api-alb',
        type: 'application',
        scheme: 'internal',
        createdDaysAgo: 600,
        listeners: [
          { port: 8080, protocol: 'HTTP', action: { type: 'forward' } },
          { port: 80, protocol: 'HTTP', action: { type: 'redirect', protocol: '#{protocol}', port: '8080' } },
        ],
      },
      // Network load balancer: HTTPS-listener check n/a; PASS TLS policy on its TLS listener.
      {
        region: 'us-west-2',
        name: 'nwh-analytics-nlb',
        type: 'network',
        scheme: 'internal',
        createdDaysAgo: 500,
        listeners: [
          { port: 443, protocol: 'TLS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', action: { type: 'forward' } },
          { port: 5432, protocol: 'TCP', action: { type: 'forward' } },
        ],
      },
      // PASS both: forward-secrecy TLS 1.2 policy and an HTTP -> HTTPS redirect.
      {
        region: 'eu-west-1',
        name: 'nwh-eu-api-alb',
        type: 'application',
        scheme: 'internet-facing',
        createdDaysAgo: 800,
        listeners: [
          { port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-FS-1-2-Res-2020-10', action: { type: 'forward' } },
          { port: 80, protocol: 'HTTP', action: { type: 'redirect', protocol: 'HTTPS', port: '443' } },
        ],
      },
    ],
    certificates: [
      // PASS: issued, in use, 200 days left.
      { region: 'us-east-1', id: '0d6a4c8e-1b2f-4e3a-9c5d-7f8e9a0b1c2d', domain: 'www.northwind-health.example', status: 'ISSUED', type: 'AMAZON_ISSUED', keyAlgorithm: 'RSA_2048', inUse: true, expiresInDays: 200 },
      // FAIL: imported (no managed renewal), in use, expires in 10 days.
      { region: 'us-east-1', id: '1e7b5d9f-2c3a-4f4b-8d6e-8a9b0c1d2e3f', domain: 'portal.northwind-health.example', status: 'ISSUED', type: 'IMPORTED', keyAlgorithm: 'RSA_2048', inUse: true, expiresInDays: 10 },
      // n/a: expired 40 days ago and no longer in use.
      { region: 'us-east-1', id: '2f8c6e0a-3d4b-4a5c-9e7f-9b0c1d2e3f4a', domain: 'old.northwind-health.example', status: 'EXPIRED', type: 'IMPORTED', keyAlgorithm: 'RSA_2048', inUse: false, expiresInDays: -40 },
      // n/a: still pending validation (no NotAfter yet).
      { region: 'us-east-1', id: '3a9d7f1b-4e5c-4b6d-8f0a-0c1d2e3f4a5b', domain: 'beta.northwind-health.example', status: 'PENDING_VALIDATION', type: 'AMAZON_ISSUED', keyAlgorithm: 'RSA_2048', inUse: false, expiresInDays: 0 },
      // FAIL: an ECDSA certificate (listed only because the collector asks for every key type), not in use,
      // expiring in 20 days.
      { region: 'us-west-2', id: '4b0e8a2c-5f6d-4c7e-9a1b-1d2e3f4a5b6c', domain: 'api.internal.northwind-health.example', status: 'ISSUED', type: 'IMPORTED', keyAlgorithm: 'EC_prime256v1', inUse: false, expiresInDays: 20 },
      // PASS: 300 days left.
      { region: 'eu-west-1', id: '5c1f9b3d-6a7e-4d8f-8b2c-2e3f4a5b6c7d', domain: 'eu.northwind-health.example', status: 'ISSUED', type: 'AMAZON_ISSUED', keyAlgorithm: 'EC_prime256v1', inUse: true, expiresInDays: 300 },
    ],
    secrets: [
      // PASS: rotated every 30 days.
      { region: 'us-east-1', name: 'prod/claims-db/master', suffix: 'Ab12Cd', createdDaysAgo: 900, rotation: { everyDays: 30, lastRotatedDaysAgo: 12 } },
      // FAIL: no rotation.
      { region: 'us-east-1', name: 'prod/partner-api-key', suffix: 'Ef34Gh', createdDaysAgo: 700 },
      // FAIL: no rotation.
      { region: 'us-east-1', name: 'legacy/ftp-credentials', suffix: 'Ij56Kl', createdDaysAgo: 2200 },
      // PASS: rotated every 30 days.
      { region: 'eu-west-1', name: 'prod/eu-claims-db/master', suffix: 'Mn78Op', createdDaysAgo: 800, rotation: { everyDays: 30, lastRotatedDaysAgo: 5 } },
      // PASS: rotated every 90 days.
      { region: 'us-west-2', name: 'analytics/warehouse', suffix: 'Qr90St', createdDaysAgo: 400, rotation: { everyDays: 90, lastRotatedDaysAgo: 20 } },
    ],
  },
  // The development member account: small and mostly well configured (one secret without rotation).
  [MEMBER]: {
    topics: [{ region: 'us-east-1', name: 'nwh-dev-builds', kmsKeyId: 'alias/aws/sns' }],
    queues: [{ region: 'us-east-1', name: 'nwh-dev-jobs', sqsManagedSse: true }],
    functions: [{ region: 'us-east-1', name: 'nwh-dev-smoke-tests', runtime: 'python3.13', lastModifiedDaysAgo: 3 }],
    loadBalancers: [
      {
        region: 'us-east-1',
        name: 'nwh-dev-alb',
        type: 'application',
        scheme: 'internet-facing',
        createdDaysAgo: 200,
        listeners: [
          { port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', action: { type: 'forward' } },
          { port: 80, protocol: 'HTTP', action: { type: 'redirect', protocol: 'HTTPS', port: '443' } },
        ],
      },
    ],
    certificates: [
      { region: 'us-east-1', id: '6d2a0c4e-7b8f-4e9a-9c3d-3f4a5b6c7d8e', domain: 'dev.northwind-health.example', status: 'ISSUED', type: 'AMAZON_ISSUED', keyAlgorithm: 'RSA_2048', inUse: true, expiresInDays: 150 },
    ],
    secrets: [
      { region: 'us-east-1', name: 'dev/app-db', suffix: 'Uv12Wx', createdDaysAgo: 300, rotation: { everyDays: 30, lastRotatedDaysAgo: 9 } },
      // FAIL: a CI token nobody set up rotation for.
      { region: 'us-east-1', name: 'dev/ci-token', suffix: 'Yz34Ab', createdDaysAgo: 150 },
    ],
  },
};
