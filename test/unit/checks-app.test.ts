// The app group's checks (SNS, SQS, Lambda, ELBv2, ACM, Secrets Manager) case by case, beyond the pass / fail /
// missing-data fixtures of checks-fail-closed: restricted wildcards, unreadable policies, n/a populations,
// date boundaries against @as_of, and what each reason names.
import { afterEach, describe, expect, it } from 'vitest';
import { judgePolicy } from '../../main/collect/aws/policy-judgement';
import type { CollectedResource } from '../../main/collect/types';
import { awsResource, checksOf, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

const ACCOUNT = '111122223333';
const AS_OF = '2025-06-30T00:00:00.000Z';
const inDays = (n: number) => new Date(Date.parse(AS_OF) + n * 86_400_000).toISOString();

let fx: SnapshotFixture | undefined;
afterEach(() => {
  fx?.close();
  fx = undefined;
});

/** The one finding of `checkId` for the only resource given. */
function judge(service: string, checkId: string, resource: CollectedResource, startedAt = AS_OF) {
  fx?.close();
  fx = makeSnapshot({ resources: [resource], checks: checksOf(service), startedAt });
  const findings = fx.findings(checkId);
  expect(findings).toHaveLength(1);
  expect(findings[0].resourceUid).toBe(resource.uid);
  return findings[0];
}

const policy = (...Statement: Record<string, unknown>[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement });

describe('SNS topics', () => {
  const uid = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;
  const topic = (attributes: Record<string, string>) =>
    awsResource(
      'AWS::SNS::Topic',
      uid,
      {
        TopicArn: uid,
        Attributes: attributes,
        PolicyJudgement: attributes.Policy ? judgePolicy(attributes.Policy, ACCOUNT) : null,
      },
      { name: 'alerts' },
    );
  const check = 'sns_topics_not_publicly_accessible';

  it('passes a wildcard principal restricted by a source condition, and says which condition', () => {
    const f = judge(
      'sns',
      check,
      topic({
        Policy: policy({
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'SNS:Publish',
          Resource: uid,
          Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:*` } },
        }),
      }),
    );
    expect(f.status).toBe('pass');
    expect(f.reason).toContain('restricted by aws:SourceArn');
  });

  it('fails a wildcard principal whose condition is itself a wildcard, naming the statement', () => {
    const f = judge(
      'sns',
      check,
      topic({
        Policy: policy({
          Sid: 'Open',
          Effect: 'Allow',
          Principal: '*',
          Action: 'SNS:Subscribe',
          Resource: uid,
          Condition: { StringLike: { 'aws:SourceArn': '*' } },
        }),
      }),
    );
    expect(f.status).toBe('fail');
    expect(f.reason).toContain('Topic alerts is public: Open');
  });

  it('answers error, not pass, for a policy it cannot read', () => {
    const f = judge('sns', check, topic({ Policy: '{not json' }));
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(/no readable access policy: the policy is not valid JSON/);
  });

  it('passes a topic without a policy attribute and names the KMS key for encryption', () => {
    expect(judge('sns', check, topic({})).status).toBe('pass');
    const enc = judge(
      'sns',
      'sns_topics_kms_encryption_at_rest_enabled',
      topic({ KmsMasterKeyId: 'alias/x' }),
    );
    expect(enc).toMatchObject({
      status: 'pass',
      reason: 'Topic alerts is encrypted at rest with KMS key alias/x',
    });
    expect(
      judge('sns', 'sns_topics_kms_encryption_at_rest_enabled', topic({ KmsMasterKeyId: '' })).status,
    ).toBe('fail');
  });
});

describe('SQS queues', () => {
  const uid = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;
  const queue = (attributes: Record<string, string>) =>
    awsResource(
      'AWS::SQS::Queue',
      uid,
      {
        QueueName: 'jobs',
        Attributes: attributes,
        PolicyJudgement: attributes.Policy ? judgePolicy(attributes.Policy, ACCOUNT) : null,
      },
      { name: 'jobs' },
    );
  const check = 'sqs_queues_server_side_encryption_enabled';

  it('passes SSE-KMS and SSE-SQS, and fails a queue with neither', () => {
    expect(judge('sqs', check, queue({ KmsMasterKeyId: 'alias/q' }))).toMatchObject({
      status: 'pass',
      reason: 'Queue jobs is encrypted with SSE-KMS key alias/q',
    });
    expect(judge('sqs', check, queue({ SqsManagedSseEnabled: 'true' })).reason).toContain('SSE-SQS');
    expect(judge('sqs', check, queue({ QueueArn: uid }))).toMatchObject({
      status: 'fail',
      reason:
        'Queue jobs has neither SSE-KMS nor SSE-SQS (SqsManagedSseEnabled=absent): messages are stored unencrypted',
    });
  });

  it('does not count a cross-account grant as public', () => {
    const f = judge(
      'sqs',
      'sqs_queues_not_publicly_accessible',
      queue({
        Policy: policy({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: 'sqs:SendMessage',
          Resource: uid,
        }),
      }),
    );
    expect(f.status).toBe('pass');
  });
});

describe('Lambda functions', () => {
  const uid = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker`;
  const fn = (config: Record<string, unknown>) =>
    awsResource(
      'AWS::Lambda::Function',
      uid,
      { FunctionName: 'worker', FunctionArn: uid, PackageType: 'Zip', ...config },
      { name: 'worker', service: 'lambda' },
    );
  const runtime = 'awslambda_function_using_supported_runtimes';

  it('judges a runtime by its deprecation date against the snapshot date, not today', () => {
    // python3.9 was deprecated on 2025-12-15: supported in a June 2025 snapshot, deprecated in a 2026 one.
    expect(judge('awslambda', runtime, fn({ Runtime: 'python3.9' }))).toMatchObject({
      status: 'pass',
      reason: 'Function worker uses runtime python3.9, supported until 2025-12-15',
    });
    expect(
      judge('awslambda', runtime, fn({ Runtime: 'python3.9' }), '2026-01-10T00:00:00.000Z'),
    ).toMatchObject({
      status: 'fail',
      reason: 'Function worker uses runtime python3.9, deprecated by AWS on 2025-12-15',
    });
  });

  it('is n/a for a container image and error for a runtime the table does not know', () => {
    expect(judge('awslambda', runtime, fn({ PackageType: 'Image' })).status).toBe('n/a');
    const f = judge('awslambda', runtime, fn({ Runtime: 'nodejs99.x' }));
    expect(f.status).toBe('error');
    expect(f.reason).toBe(
      'Function worker uses runtime nodejs99.x, which is unknown to this check, so its support status is unconfirmed',
    );
  });

  it('fails a function URL with auth type NONE, names it, and passes a function without URLs', () => {
    const url = 'https://abc.lambda-url.us-east-1.on.aws/';
    const f = judge(
      'awslambda',
      'awslambda_function_url_public',
      fn({ FunctionUrls: [{ FunctionUrl: url, AuthType: 'NONE' }] }),
    );
    expect(f.status).toBe('fail');
    expect(f.reason).toContain(url);
    expect(judge('awslambda', 'awslambda_function_url_public', fn({ FunctionUrls: [] }))).toMatchObject({
      status: 'pass',
      reason: 'Function worker has no function URL',
    });
    expect(
      judge('awslambda', 'awslambda_function_url_public', fn({ FunctionUrls: [{ FunctionUrl: url }] }))
        .status,
    ).toBe('error');
  });

  it('passes a function without a resource policy (collected as null)', () => {
    const f = judge(
      'awslambda',
      'awslambda_function_not_publicly_accessible',
      fn({ Policy: null, PolicyJudgement: null }),
    );
    expect(f.status).toBe('pass');
    expect(f.reason).toContain('has no resource-based policy');
  });
});

describe('ELBv2 load balancers', () => {
  const uid = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/web/0123456789abcdef`;
  const lb = (Type: string, Listeners: unknown[]) =>
    awsResource(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      uid,
      { LoadBalancerName: 'web', Type, Listeners },
      { name: 'web', service: 'elasticloadbalancing' },
    );
  const http = (action: Record<string, unknown>) => ({
    Port: 80,
    Protocol: 'HTTP',
    DefaultActions: [action],
  });
  const tls = (Protocol: string, SslPolicy?: string) => ({
    Port: 443,
    Protocol,
    ...(SslPolicy ? { SslPolicy } : {}),
    DefaultActions: [{ Type: 'forward' }],
  });

  it('fails a redirect that keeps the protocol, and lists the plain HTTP ports', () => {
    const f = judge(
      'elbv2',
      'elbv2_ssl_listeners',
      lb('application', [
        http({ Type: 'redirect', RedirectConfig: { Protocol: '#{protocol}', Port: '8080' } }),
      ]),
    );
    expect(f).toMatchObject({
      status: 'fail',
      reason: 'Load balancer web serves plain HTTP without redirecting to HTTPS on port(s) 80',
    });
  });

  it('answers error, not fail, for an HTTP listener whose default actions were not reported', () => {
    const f = judge('elbv2', 'elbv2_ssl_listeners', lb('application', [{ Port: 80, Protocol: 'HTTP' }]));
    expect(f).toMatchObject({
      status: 'error',
      reason: 'Protocol or default action of 1 listener(s) of load balancer web was not reported',
    });
  });

  it('is n/a for a network load balancer and passes an ALB without listeners', () => {
    expect(judge('elbv2', 'elbv2_ssl_listeners', lb('network', [{ Port: 80, Protocol: 'TCP' }])).status).toBe(
      'n/a',
    );
    expect(judge('elbv2', 'elbv2_ssl_listeners', lb('application', [])).reason).toBe(
      'Load balancer web has no listener, so it accepts no traffic',
    );
  });

  it('judges every HTTPS and TLS listener policy and names the weak one', () => {
    const check = 'elbv2_insecure_ssl_ciphers';
    expect(
      judge('elbv2', check, lb('network', [tls('TLS', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06')])).status,
    ).toBe('pass');
    const weak = judge(
      'elbv2',
      check,
      lb('application', [
        tls('HTTPS', 'ELBSecurityPolicy-TLS13-1-3-2021-06'),
        { ...tls('HTTPS', 'ELBSecurityPolicy-FS-1-1-2019-08'), Port: 8443 },
      ]),
    );
    expect(weak).toMatchObject({
      status: 'fail',
      reason:
        'Load balancer web has listener(s) with a policy that allows TLS older than 1.2: HTTPS 8443 (ELBSecurityPolicy-FS-1-1-2019-08)',
    });
    expect(judge('elbv2', check, lb('application', [http({ Type: 'forward' })])).status).toBe('n/a');
    const unknown = judge('elbv2', check, lb('application', [tls('HTTPS')]));
    expect(unknown.status).toBe('error');
    expect(unknown.reason).toContain('was not reported');
  });
});

describe('ACM certificates', () => {
  const uid = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/1e7b5d9f-2c3a-4f4b-8d6e-8a9b0c1d2e3f`;
  const cert = (config: Record<string, unknown>) =>
    awsResource(
      'AWS::CertificateManager::Certificate',
      uid,
      { CertificateArn: uid, DomainName: 'portal.example.com', Type: 'IMPORTED', ...config },
      { name: 'portal.example.com', service: 'acm' },
    );
  const check = 'acm_certificates_expiration_check';

  it('fails at 30 days and passes at 31, whether in use or not', () => {
    expect(judge('acm', check, cert({ Status: 'ISSUED', InUse: false, NotAfter: inDays(30) }))).toMatchObject(
      {
        status: 'fail',
        reason: 'Certificate portal.example.com expires on 2025-07-30, in 30 days (not in use)',
      },
    );
    expect(judge('acm', check, cert({ Status: 'ISSUED', InUse: true, NotAfter: inDays(31) })).status).toBe(
      'pass',
    );
  });

  it('fails an issued certificate already past NotAfter and an expired one still in use', () => {
    expect(judge('acm', check, cert({ Status: 'ISSUED', InUse: true, NotAfter: inDays(-3) })).reason).toBe(
      'Certificate portal.example.com expired on 2025-06-27 (3 days before the snapshot)',
    );
    expect(judge('acm', check, cert({ Status: 'EXPIRED', InUse: true, NotAfter: inDays(-3) })).status).toBe(
      'fail',
    );
  });

  it('counts part of a day as not yet a whole day, before and after NotAfter', () => {
    const half = (n: number) => new Date(Date.parse(AS_OF) + n * 86_400_000 + 43_200_000).toISOString();
    expect(judge('acm', check, cert({ Status: 'ISSUED', InUse: true, NotAfter: half(30) })).reason).toContain(
      'in 30 days',
    );
    expect(judge('acm', check, cert({ Status: 'ISSUED', InUse: true, NotAfter: half(-3) })).reason).toContain(
      '(3 days before the snapshot)',
    );
  });

  it('does not judge unused expired or never-issued certificates, but errors when use is unknown', () => {
    expect(judge('acm', check, cert({ Status: 'EXPIRED', InUse: false })).status).toBe('n/a');
    expect(judge('acm', check, cert({ Status: 'PENDING_VALIDATION', InUse: false })).status).toBe('n/a');
    expect(judge('acm', check, cert({ Status: 'EXPIRED' })).status).toBe('error');
    expect(judge('acm', check, cert({})).status).toBe('error');
  });
});

describe('Secrets Manager secrets', () => {
  it('says how often a rotating secret rotates and when it last did', () => {
    const uid = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`;
    const f = judge(
      'secretsmanager',
      'secretsmanager_automatic_rotation_enabled',
      awsResource(
        'AWS::SecretsManager::Secret',
        uid,
        {
          ARN: uid,
          Name: 'db',
          RotationEnabled: true,
          RotationRules: { AutomaticallyAfterDays: 30 },
          LastRotatedDate: inDays(-12),
        },
        { name: 'db', service: 'secretsmanager' },
      ),
    );
    expect(f).toMatchObject({
      status: 'pass',
      reason: 'Secret db rotates automatically every 30 days; last rotated 2025-06-18',
    });
  });
});
