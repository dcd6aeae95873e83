// The app group (SNS, SQS, Lambda, ELBv2, ACM, Secrets Manager) collected from the demo estate through the REAL
// SDK clients and the replay server: the population (across pages), the configs per app-shapes.ts, Lambda's
// "no policy" answer recorded as not configured, an AccessDenied turned into a gap naming the function and an
// error finding, and the checks' verdicts over the collected demo matching the estate's comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TYPES } from '../../main/collect/aws/app-shapes';
import { allChecks } from '../../main/checks/catalog';
import { APP_ESTATE } from '../../main/demo/estate/data/app';
import { northwindDev } from '../../main/demo/estate/northwind-dev';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import { byType, resourceNamed, startHarness, type Harness } from '../fixtures/aws/harness';
import { makeSnapshot } from '../helpers/snapshot-fixture';

const ACCOUNT = '111122223333';
const APP_SERVICES = ['sns', 'sqs', 'lambda', 'elasticloadbalancing', 'acm', 'secretsmanager'];
const APP_CHECK_SERVICES = ['sns', 'sqs', 'awslambda', 'elbv2', 'acm', 'secretsmanager'];
const appChecks = allChecks.filter((c) => APP_CHECK_SERVICES.includes(c.service));
const estate = APP_ESTATE[ACCOUNT];

type Cfg = Record<string, unknown>;

describe('app group collection over the demo estate', () => {
  let h: Harness;
  let startedAt: string;

  beforeAll(async () => {
    h = await startHarness();
    startedAt = new Date().toISOString();
    await h.collect();
  });
  afterAll(() => h.close());

  const pages = (service: string, operation: string, region: string) =>
    h.server.requests.filter((r) => r.service === service && r.operation === operation && r.region === region)
      .length;

  it('collects every resource of the estate, once, across pages', () => {
    expect(byType(h.buffer, APP_TYPES.snsTopic)).toHaveLength(estate.topics.length);
    expect(byType(h.buffer, APP_TYPES.sqsQueue)).toHaveLength(estate.queues.length);
    expect(byType(h.buffer, APP_TYPES.lambdaFunction)).toHaveLength(estate.functions.length);
    expect(byType(h.buffer, APP_TYPES.elbv2LoadBalancer)).toHaveLength(estate.loadBalancers.length);
    expect(byType(h.buffer, APP_TYPES.acmCertificate)).toHaveLength(estate.certificates.length);
    expect(byType(h.buffer, APP_TYPES.secretsManagerSecret)).toHaveLength(estate.secrets.length);
    // us-east-1 holds more of each than one replay page: every listing followed its token to the end.
    expect(pages('sns', 'ListTopics', 'us-east-1')).toBe(2);
    expect(pages('sqs', 'ListQueues', 'us-east-1')).toBe(2);
    expect(pages('lambda', 'ListFunctions', 'us-east-1')).toBe(2);
    expect(pages('elasticloadbalancing', 'DescribeLoadBalancers', 'us-east-1')).toBe(2);
    expect(pages('acm', 'ListCertificates', 'us-east-1')).toBe(2);
    expect(pages('secretsmanager', 'ListSecrets', 'us-east-1')).toBe(2);
    const uids = h.buffer.resources.filter((r) => APP_SERVICES.includes(r.service)).map((r) => r.uid);
    expect(new Set(uids).size).toBe(uids.length);
    // No app call failed in the demo.
    expect(h.buffer.gaps.filter((g) => APP_SERVICES.includes(g.service))).toEqual([]);
  });

  it('keeps topic and queue attributes with our policy judgement next to the document', () => {
    const open = resourceNamed(h.buffer, APP_TYPES.snsTopic, 'nwh-public-status');
    expect(open.uid).toBe(`arn:aws:sns:us-east-1:${ACCOUNT}:nwh-public-status`);
    expect(open.config).toMatchObject({ PolicyJudgement: { Public: true } });
    expect((open.config.Attributes as Cfg).KmsMasterKeyId).toBeUndefined();
    const alerts = resourceNamed(h.buffer, APP_TYPES.snsTopic, 'nwh-patient-alerts').config;
    expect(alerts).toMatchObject({
      Attributes: { KmsMasterKeyId: 'alias/nwh-sns', Owner: ACCOUNT },
      PolicyJudgement: { Public: false, RestrictedStatements: [{ sid: '__default_statement_ID' }] },
    });

    const webhooks = resourceNamed(h.buffer, APP_TYPES.sqsQueue, 'nwh-legacy-webhooks');
    expect(webhooks.uid).toBe(`arn:aws:sqs:us-east-1:${ACCOUNT}:nwh-legacy-webhooks`);
    expect(webhooks.config).toMatchObject({
      QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/nwh-legacy-webhooks`,
      Attributes: { SqsManagedSseEnabled: 'false' },
      PolicyJudgement: { Public: true },
    });
    // No queue policy: collected, and null.
    expect(
      resourceNamed(h.buffer, APP_TYPES.sqsQueue, 'nwh-claims-intake').config.PolicyJudgement,
    ).toBeNull();
  });

  it("records Lambda's ResourceNotFoundException for GetPolicy as 'no policy', not as a gap", () => {
    const plain = resourceNamed(h.buffer, APP_TYPES.lambdaFunction, 'nwh-claims-processor').config;
    expect(plain).toMatchObject({
      Runtime: 'python3.13',
      Policy: null,
      PolicyJudgement: null,
      FunctionUrls: [],
    });
    expect(
      h.buffer.raws.some(
        (r) =>
          r.service === 'lambda' &&
          r.operation === 'GetPolicy' &&
          r.params.FunctionName === 'nwh-claims-processor' &&
          JSON.stringify(r.response).includes('ResourceNotFoundException'),
      ),
    ).toBe(true);
    const webhook = resourceNamed(h.buffer, APP_TYPES.lambdaFunction, 'nwh-public-webhook').config;
    expect(webhook).toMatchObject({
      PolicyJudgement: { Public: true, PublicStatements: [{ sid: 'AnyoneInvoke' }] },
      FunctionUrls: [{ AuthType: 'NONE' }],
    });
    expect(typeof webhook.Policy).toBe('string');
    expect(resourceNamed(h.buffer, APP_TYPES.lambdaFunction, 'nwh-image-resizer').config).toMatchObject({
      PackageType: 'Image',
    });
  });

  it('hangs every listener off its load balancer, redirects included', () => {
    const web = resourceNamed(h.buffer, APP_TYPES.elbv2LoadBalancer, 'nwh-web-alb');
    expect(web.uid).toMatch(
      new RegExp(
        `^arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/nwh-web-alb/[0-9a-f]{16}$`,
      ),
    );
    const listeners = web.config.Listeners as Cfg[];
    // Three listeners over two DescribeListeners pages; the other two us-east-1 load balancers take one each.
    expect(listeners).toHaveLength(3);
    expect(pages('elasticloadbalancing', 'DescribeListeners', 'us-east-1')).toBe(4);
    expect(listeners.find((l) => l.Port === 8443)).toMatchObject({
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
      DefaultActions: [{ Type: 'fixed-response' }],
    });
    expect(listeners).toContainEqual(
      expect.objectContaining({
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      }),
    );
    expect(listeners.find((l) => l.Port === 80)).toMatchObject({
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443' } }],
    });
    expect(resourceNamed(h.buffer, APP_TYPES.elbv2LoadBalancer, 'nwh-analytics-nlb').config.Type).toBe(
      'network',
    );
  });

  it('lists ACM certificates of every key type and records secrets without rotation as RotationEnabled false', () => {
    // ListCertificates without Includes.keyTypes returns RSA_2048 only: the ECDSA one proves the filter is sent.
    const ecdsa = resourceNamed(h.buffer, APP_TYPES.acmCertificate, 'api.internal.northwind-health.example');
    expect(ecdsa.region).toBe('us-west-2');
    expect(ecdsa.config).toMatchObject({ Status: 'ISSUED', InUse: false, KeyAlgorithm: 'EC-prime256v1' });
    const days = (Date.parse(ecdsa.config.NotAfter as string) - Date.parse(startedAt)) / 86_400_000;
    expect(Math.round(days)).toBe(20);

    expect(
      resourceNamed(h.buffer, APP_TYPES.secretsManagerSecret, 'prod/partner-api-key').config,
    ).toMatchObject({
      RotationEnabled: false,
    });
    const rotated = resourceNamed(h.buffer, APP_TYPES.secretsManagerSecret, 'prod/claims-db/master');
    expect(rotated.uid).toBe(
      `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/claims-db/master-Ab12Cd`,
    );
    expect(rotated.config).toMatchObject({
      RotationEnabled: true,
      RotationRules: { AutomaticallyAfterDays: 30 },
    });
    expect(rotated.tags).toEqual({ Owner: 'platform' });
  });

  it("gives the verdicts the estate's comments predict", () => {
    const appResources = h.buffer.resources.filter((r) => APP_SERVICES.includes(r.service));
    const fx = makeSnapshot({ resources: appResources, checks: appChecks, startedAt });
    try {
      const nameOf = new Map(appResources.map((r) => [r.uid, r.name]));
      const verdicts = (checkId: string) =>
        Object.fromEntries(fx.findings(checkId).map((f) => [nameOf.get(f.resourceUid), f.status]));
      expect(verdicts('sns_topics_kms_encryption_at_rest_enabled')).toEqual({
        'nwh-patient-alerts': 'pass',
        'nwh-ops-alarms': 'pass',
        'nwh-public-status': 'fail',
        'nwh-billing-events': 'fail',
        'nwh-eu-claims-events': 'pass',
      });
      expect(verdicts('sns_topics_not_publicly_accessible')).toEqual({
        'nwh-patient-alerts': 'pass',
        'nwh-ops-alarms': 'pass',
        'nwh-public-status': 'fail',
        'nwh-billing-events': 'pass',
        'nwh-eu-claims-events': 'pass',
      });
      expect(verdicts('sqs_queues_server_side_encryption_enabled')).toEqual({
        'nwh-claims-intake': 'pass',
        'nwh-claims-intake-dlq': 'pass',
        'nwh-legacy-webhooks': 'fail',
        'nwh-analytics-ingest': 'pass',
        'nwh-eu-notifications': 'fail',
      });
      expect(verdicts('sqs_queues_not_publicly_accessible')).toEqual({
        'nwh-claims-intake': 'pass',
        'nwh-claims-intake-dlq': 'pass',
        'nwh-legacy-webhooks': 'fail',
        'nwh-analytics-ingest': 'pass',
        'nwh-eu-notifications': 'pass',
      });
      expect(verdicts('awslambda_function_not_publicly_accessible')).toEqual({
        'nwh-claims-processor': 'pass',
        'nwh-legacy-report-generator': 'pass',
        'nwh-public-webhook': 'fail',
        'nwh-image-resizer': 'pass',
        'nwh-status-page-api': 'pass',
        'nwh-eu-etl': 'pass',
      });
      expect(verdicts('awslambda_function_url_public')).toEqual({
        'nwh-claims-processor': 'pass',
        'nwh-legacy-report-generator': 'pass',
        'nwh-public-webhook': 'fail',
        'nwh-image-resizer': 'pass',
        'nwh-status-page-api': 'pass',
        'nwh-eu-etl': 'pass',
      });
      expect(verdicts('awslambda_function_using_supported_runtimes')).toEqual({
        'nwh-claims-processor': 'pass',
        'nwh-legacy-report-generator': 'fail',
        'nwh-public-webhook': 'pass',
        'nwh-image-resizer': 'n/a',
        'nwh-status-page-api': 'pass',
        'nwh-eu-etl': 'fail',
      });
      expect(verdicts('elbv2_ssl_listeners')).toEqual({
        'nwh-web-alb': 'pass',
        'nwh-legacy-portal-alb': 'fail',
        'nwh-admin-alb': 'pass',
        'nwh-internal-api-alb': 'fail',
        'nwh-analytics-nlb': 'n/a',
        'nwh-eu-api-alb': 'pass',
      });
      expect(verdicts('elbv2_insecure_ssl_ciphers')).toEqual({
        'nwh-web-alb': 'pass',
        'nwh-legacy-portal-alb': 'fail',
        'nwh-admin-alb': 'pass',
        'nwh-internal-api-alb': 'n/a',
        'nwh-analytics-nlb': 'pass',
        'nwh-eu-api-alb': 'pass',
      });
      expect(verdicts('acm_certificates_expiration_check')).toEqual({
        'www.northwind-health.example': 'pass',
        'portal.northwind-health.example': 'fail',
        'old.northwind-health.example': 'n/a',
        'beta.northwind-health.example': 'n/a',
        'api.internal.northwind-health.example': 'fail',
        'eu.northwind-health.example': 'pass',
      });
      expect(verdicts('secretsmanager_automatic_rotation_enabled')).toEqual({
        'prod/claims-db/master': 'pass',
        'prod/partner-api-key': 'fail',
        'legacy/ftp-credentials': 'fail',
        'prod/eu-claims-db/master': 'pass',
        'analytics/warehouse': 'pass',
      });
      const portal = fx
        .findings('acm_certificates_expiration_check')
        .find((f) => nameOf.get(f.resourceUid) === 'portal.northwind-health.example');
      expect(portal?.reason).toMatch(
        /^Certificate portal\.northwind-health\.example expires on \d{4}-\d\d-\d\d, in (9|10) days \(in use\)$/,
      );
    } finally {
      fx.close();
    }
  });
});

describe('app group collection when a call is denied', () => {
  it('turns a denied GetPolicy into a gap naming the function and an error finding for that function only', async () => {
    const h = await startHarness({
      estate: {
        ...northwindHealth,
        denied: [
          ...northwindHealth.denied,
          { service: 'lambda', operation: 'GetPolicy', resource: 'nwh-public-webhook' },
        ],
      },
      target: { regions: ['us-east-1'] },
    });
    try {
      const startedAt = new Date().toISOString();
      await h.collect();
      const lambdaGaps = h.buffer.gaps.filter((g) => g.service === 'lambda');
      expect(lambdaGaps).toHaveLength(1);
      expect(lambdaGaps[0]).toMatchObject({
        region: 'us-east-1',
        operation: 'GetPolicy',
        code: 'AccessDeniedException',
        resource: 'nwh-public-webhook',
      });
      expect(lambdaGaps[0].message).toContain('lambda:GetPolicy');
      const webhook = resourceNamed(h.buffer, APP_TYPES.lambdaFunction, 'nwh-public-webhook');
      expect('Policy' in webhook.config).toBe(false);
      expect('PolicyJudgement' in webhook.config).toBe(false);
      // The other follow-up of the same function still succeeded.
      expect(webhook.config.FunctionUrls).toEqual([expect.objectContaining({ AuthType: 'NONE' })]);

      const lambdas = byType(h.buffer, APP_TYPES.lambdaFunction);
      const fx = makeSnapshot({
        resources: lambdas,
        gaps: h.buffer.gaps,
        checks: allChecks.filter((c) => c.id === 'awslambda_function_not_publicly_accessible'),
        startedAt,
      });
      try {
        const findings = fx.findings('awslambda_function_not_publicly_accessible');
        expect(findings).toHaveLength(lambdas.length);
        const denied = findings.find((f) => f.resourceUid === webhook.uid);
        expect(denied).toMatchObject({
          status: 'error',
          reason: 'Resource-based policy of function nwh-public-webhook was not collected (GetPolicy failed)',
        });
        expect(findings.filter((f) => f.status === 'error')).toHaveLength(1);
      } finally {
        fx.close();
      }
    } finally {
      await h.close();
    }
  });
});

describe('app group collection of the member account', () => {
  it('finds the small, mostly well-configured member account passing everything but one secret', async () => {
    // The harness signs with the management account's demo key; the member estate accepts it for this test.
    const h = await startHarness({ estate: { ...northwindDev, accessKeyId: northwindHealth.accessKeyId } });
    try {
      const startedAt = new Date().toISOString();
      await h.collect();
      const appResources = h.buffer.resources.filter((r) => APP_SERVICES.includes(r.service));
      const member = APP_ESTATE['444455556666'];
      expect(appResources).toHaveLength(
        member.topics.length +
          member.queues.length +
          member.functions.length +
          member.loadBalancers.length +
          member.certificates.length +
          member.secrets.length,
      );
      expect(appResources.every((r) => r.uid.includes(':444455556666:'))).toBe(true);
      const fx = makeSnapshot({
        resources: appResources,
        checks: appChecks,
        startedAt,
        account: '444455556666',
      });
      try {
        const nameOf = new Map(appResources.map((r) => [r.uid, r.name]));
        const notPassing = fx
          .findings()
          .filter((f) => f.status !== 'pass')
          .map((f) => `${f.checkId}:${nameOf.get(f.resourceUid)}:${f.status}`);
        expect(notPassing).toEqual(['secretsmanager_automatic_rotation_enabled:dev/ci-token:fail']);
      } finally {
        fx.close();
      }
    } finally {
      await h.close();
    }
  });
});
