// Pass, fail and data-missing fixtures for the app group's checks (merged into CHECK_FIXTURES).
import { judgePolicy } from '../../../main/collect/aws/policy-judgement';
import type { CheckCase, CheckFixtures } from '../check-fixtures';
import { awsResource } from '../snapshot-fixture';

const ACCOUNT = '111122223333';
const AS_OF = Date.parse('2025-06-30T00:00:00.000Z');
const inDays = (n: number) => new Date(AS_OF + n * 86_400_000).toISOString();

/** A config minus the key a failed follow-up call would have filled. */
function without(config: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...config };
  for (const k of keys) delete copy[k];
  return copy;
}

const publicPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
});
const ownerPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Owner',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
    },
  ],
});

// SNS
const TOPIC_UID = `arn:aws:sns:us-east-1:${ACCOUNT}:topic`;
const topic = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource('AWS::SNS::Topic', TOPIC_UID, { TopicArn: TOPIC_UID, ...config }, { name: 'topic' }),
  ],
  uid: TOPIC_UID,
});
const topicWith = (attributes: Record<string, string>) =>
  topic({
    Attributes: attributes,
    PolicyJudgement: attributes.Policy ? judgePolicy(attributes.Policy, ACCOUNT) : null,
  });

// SQS
const QUEUE_UID = `arn:aws:sqs:us-east-1:${ACCOUNT}:queue`;
const queue = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource('AWS::SQS::Queue', QUEUE_UID, { QueueName: 'queue', ...config }, { name: 'queue' }),
  ],
  uid: QUEUE_UID,
});
const queueWith = (attributes: Record<string, string>) =>
  queue({
    Attributes: attributes,
    PolicyJudgement: attributes.Policy ? judgePolicy(attributes.Policy, ACCOUNT) : null,
  });

// Lambda
const FUNCTION_UID = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fn`;
const goodFunction: Record<string, unknown> = {
  FunctionName: 'fn',
  FunctionArn: FUNCTION_UID,
  Runtime: 'python3.12',
  PackageType: 'Zip',
  Policy: null,
  PolicyJudgement: null,
  FunctionUrls: [],
};
const fn = (config: Record<string, unknown>): CheckCase => ({
  resources: [awsResource('AWS::Lambda::Function', FUNCTION_UID, config, { name: 'fn', service: 'lambda' })],
  uid: FUNCTION_UID,
});

// ELBv2
const LB_UID = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/alb/0123456789abcdef`;
const https = (SslPolicy: string) => ({
  Port: 443,
  Protocol: 'HTTPS',
  SslPolicy,
  DefaultActions: [{ Type: 'forward' }],
});
const httpRedirect = {
  Port: 80,
  Protocol: 'HTTP',
  DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443' } }],
};
const httpForward = { Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward' }] };
const alb = (listeners?: unknown[]): CheckCase => ({
  resources: [
    awsResource(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      LB_UID,
      { LoadBalancerName: 'alb', Type: 'application', ...(listeners ? { Listeners: listeners } : {}) },
      { name: 'alb', service: 'elasticloadbalancing' },
    ),
  ],
  uid: LB_UID,
});

// ACM
const CERT_UID = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0d6a4c8e-1b2f-4e3a-9c5d-7f8e9a0b1c2d`;
const cert = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource(
      'AWS::CertificateManager::Certificate',
      CERT_UID,
      {
        CertificateArn: CERT_UID,
        DomainName: 'www.example.com',
        Type: 'AMAZON_ISSUED',
        InUse: true,
        ...config,
      },
      { name: 'www.example.com', service: 'acm' },
    ),
  ],
  uid: CERT_UID,
});

// Secrets Manager
const SECRET_UID = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`;
const secret = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource(
      'AWS::SecretsManager::Secret',
      SECRET_UID,
      { ARN: SECRET_UID, Name: 'db', ...config },
      { name: 'db', service: 'secretsmanager' },
    ),
  ],
  uid: SECRET_UID,
});

export const APP_FIXTURES: Record<string, CheckFixtures> = {
  sns_topics_kms_encryption_at_rest_enabled: {
    pass: topicWith({ Policy: ownerPolicy, KmsMasterKeyId: 'alias/aws/sns' }),
    fail: topicWith({ Policy: ownerPolicy }),
    // GetTopicAttributes failed: nothing says whether a key is set.
    error: topic({}),
  },
  sns_topics_not_publicly_accessible: {
    pass: topicWith({ Policy: ownerPolicy }),
    fail: topicWith({ Policy: publicPolicy }),
    error: topic({}),
  },
  sqs_queues_server_side_encryption_enabled: {
    pass: queueWith({ SqsManagedSseEnabled: 'true' }),
    fail: queueWith({ SqsManagedSseEnabled: 'false' }),
    error: queue({}),
  },
  sqs_queues_not_publicly_accessible: {
    pass: queueWith({ SqsManagedSseEnabled: 'true' }),
    fail: queueWith({ Policy: publicPolicy }),
    error: queue({}),
  },
  awslambda_function_not_publicly_accessible: {
    pass: fn(goodFunction),
    fail: fn({ ...goodFunction, Policy: publicPolicy, PolicyJudgement: judgePolicy(publicPolicy, ACCOUNT) }),
    // GetPolicy failed (e.g. AccessDenied): Policy and its judgement are absent.
    error: fn(without(goodFunction, 'Policy', 'PolicyJudgement')),
  },
  awslambda_function_url_public: {
    pass: fn({
      ...goodFunction,
      FunctionUrls: [{ FunctionUrl: 'https://a.lambda-url.us-east-1.on.aws/', AuthType: 'AWS_IAM' }],
    }),
    fail: fn({
      ...goodFunction,
      FunctionUrls: [{ FunctionUrl: 'https://a.lambda-url.us-east-1.on.aws/', AuthType: 'NONE' }],
    }),
    error: fn(without(goodFunction, 'FunctionUrls')),
  },
  awslambda_function_using_supported_runtimes: {
    pass: fn(goodFunction),
    fail: fn({ ...goodFunction, Runtime: 'python3.7' }),
    // A zip function whose runtime was not reported (not a container image).
    error: fn(without(goodFunction, 'Runtime')),
  },
  elbv2_ssl_listeners: {
    pass: alb([https('ELBSecurityPolicy-TLS13-1-2-2021-06'), httpRedirect]),
    fail: alb([https('ELBSecurityPolicy-TLS13-1-2-2021-06'), httpForward]),
    // DescribeListeners failed: the key is absent.
    error: alb(),
  },
  elbv2_insecure_ssl_ciphers: {
    pass: alb([https('ELBSecurityPolicy-TLS13-1-2-2021-06'), httpRedirect]),
    fail: alb([https('ELBSecurityPolicy-2016-08')]),
    error: alb(),
  },
  acm_certificates_expiration_check: {
    pass: cert({ Status: 'ISSUED', NotAfter: inDays(200) }),
    fail: cert({ Status: 'ISSUED', NotAfter: inDays(10) }),
    error: cert({ Status: 'ISSUED' }),
  },
  secretsmanager_automatic_rotation_enabled: {
    pass: secret({ RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 } }),
    fail: secret({ RotationEnabled: false }),
    error: secret({}),
  },
};
