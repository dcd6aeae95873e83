import { describe, expect, it } from 'vitest';
import {
  isRedactionMarker,
  isSecretKey,
  redact,
  redactObject,
  redactWithReport,
} from '../../main/collect/redact';
import { CollectionBuffer } from '../../main/collect/types';

/** The marker for a removed value of this length. */
const m = (removed: string) => `[redacted: ${removed.length} chars]`;

// Realistic shapes (none of them live credentials).
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

describe('redact by key name', () => {
  it('replaces secret values at any depth with a marker giving only their length', () => {
    const out = redact({
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 'wJalrXUtnFEMI',
        SessionToken: 'FwoGZXIvYXdz',
        Expiration: 'x',
      },
      DBInstances: [{ MasterUserPassword: 'hunter2', MasterUsername: 'admin' }],
      KeyPair: { KeyMaterial: 'k', PrivateKey: 'not-a-pem-but-named-as-one' },
      client_secret: 'abc',
      'x-api-secret-value': 'abc',
      Password: 'p',
      Name: 'bucket',
    });
    expect(out).toEqual({
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: m('wJalrXUtnFEMI'),
        SessionToken: m('FwoGZXIvYXdz'),
        Expiration: 'x',
      },
      DBInstances: [{ MasterUserPassword: m('hunter2'), MasterUsername: 'admin' }],
      KeyPair: { KeyMaterial: 'k', PrivateKey: m('not-a-pem-but-named-as-one') },
      client_secret: m('abc'),
      'x-api-secret-value': m('abc'),
      Password: m('p'),
      Name: 'bucket',
    });
  });

  it('withholds a secret-named structure whole (its JSON length), and keeps an empty one', () => {
    const out = redact({ Secrets: [{ Name: 'a', Value: 'b' }], SecretString: { nested: 'x' }, ApiKeys: [] });
    expect(out).toEqual({
      Secrets: m('[{"Name":"a","Value":"b"}]'),
      SecretString: m('{"nested":"x"}'),
      ApiKeys: [],
    });
  });

  it('keeps password-policy facts and other non-secret keys that merely mention passwords', () => {
    const policy = {
      PasswordPolicy: {
        MinimumPasswordLength: 8,
        AllowUsersToChangePassword: true,
        PasswordReusePrevention: 5,
      },
      PasswordLastUsed: '2024-01-01T00:00:00.000Z',
      password_enabled: 'true',
      password_last_changed: 'N/A',
      SecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf',
      SecretId: 'db-credentials',
      KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d',
    };
    expect(redactWithReport(policy)).toEqual({ value: policy, count: 0, kinds: [] });
  });

  it('isSecretKey matches spelling variants and knows metadata about secrets is not a secret', () => {
    for (const k of [
      'SecretAccessKey',
      'secret_access_key',
      'secret-access-key',
      'SESSIONTOKEN',
      'privateKey',
      'ConnectionString',
      'AdminPassword',
      'API_KEY',
      'x-api-key',
      'apikey',
      'DB_PWD',
      'GITHUB_TOKEN',
      'Authorization',
      'db_credential',
      'aws:PrincipalTag/password',
    ]) {
      expect(isSecretKey(k), k).toBe(true);
    }
    for (const k of [
      'AccessKeyId',
      'PasswordLastUsed',
      'PasswordPolicy',
      'NextToken',
      'ClientToken',
      'KeyName',
      'KmsKeyId',
      'SecretArn',
      'SecretName',
      'MinimumPasswordLength',
      'secretsmanager:ResourceTag/env',
      'DATABASE_URL',
      // EFS's idempotency token and Secrets Manager's version -> staging-label map: metadata, not secrets.
      'CreationToken',
      'SecretVersionsToStages',
    ]) {
      expect(isSecretKey(k), k).toBe(false);
    }
  });
});

describe('redact {Key,Value} and {Name,Value} pairs', () => {
  it('judges the value by the pair name, in every pair spelling AWS uses', () => {
    const out = redactWithReport({
      Tags: [
        { Key: 'db_password', Value: 'hunter2' },
        { Key: 'Team', Value: 'platform' },
      ],
      tagSet: [{ key: 'API_KEY', value: 'k-123' }],
      Environment: [
        { Name: 'GITHUB_TOKEN', Value: 'ghp_x' },
        { Name: 'LOG_LEVEL', Value: 'info' },
      ],
      Parameters: [{ ParameterKey: 'MasterPassword', ParameterValue: 'p4ss' }],
      Filters: [{ Name: 'tag:password', Values: ['a', 'b'] }],
    });
    expect(out.value).toEqual({
      Tags: [
        { Key: 'db_password', Value: m('hunter2') },
        { Key: 'Team', Value: 'platform' },
      ],
      tagSet: [{ key: 'API_KEY', value: m('k-123') }],
      Environment: [
        { Name: 'GITHUB_TOKEN', Value: m('ghp_x') },
        { Name: 'LOG_LEVEL', Value: 'info' },
      ],
      Parameters: [{ ParameterKey: 'MasterPassword', ParameterValue: m('p4ss') }],
      // A list under a secret name is withheld whole, like any secret-named structure.
      Filters: [{ Name: 'tag:password', Values: m('["a","b"]') }],
    });
    expect(out.count).toBe(5);
    expect(out.kinds).toEqual(['key-name']);
  });

  it('redacts Lambda-style Environment.Variables maps by key, and a DATABASE_URL only in its password', () => {
    const out = redact({
      Environment: {
        Variables: {
          DATABASE_URL: 'postgres://app:s3cr3t-pw@db.internal:5432/app',
          REDIS_URL: 'redis://cache.internal:6379',
          STRIPE_API_KEY: 'sk_test_abc',
          LOG_LEVEL: 'debug',
        },
      },
    });
    expect(out).toEqual({
      Environment: {
        Variables: {
          DATABASE_URL: `postgres://app:${m('s3cr3t-pw')}@db.internal:5432/app`,
          REDIS_URL: 'redis://cache.internal:6379',
          STRIPE_API_KEY: m('sk_test_abc'),
          LOG_LEVEL: 'debug',
        },
      },
    });
  });

  it('catches a bare AWS secret key as a pair or tag value whatever the key is called', () => {
    expect(redact({ Tags: [{ Key: 'Owner', Value: AWS_SECRET }] })).toEqual({
      Tags: [{ Key: 'Owner', Value: m(AWS_SECRET) }],
    });
    // In a tag map every key is user-chosen: even "Name" can hold a pasted key.
    expect(redactWithReport({ Name: AWS_SECRET }, { userKeys: true }).value).toEqual({ Name: m(AWS_SECRET) });
  });

  it('redacts a weakly secret-named value only when it looks like a token (entropy)', () => {
    const out = redact({
      deploy_key: 'Zx8vQ2mN7pL4kR9tYw3s',
      sort_key: 'created_at',
      auth_mode: 'sso',
      partition_key: 'tenant-2024',
    });
    expect(out).toEqual({
      deploy_key: m('Zx8vQ2mN7pL4kR9tYw3s'),
      sort_key: 'created_at',
      auth_mode: 'sso',
      partition_key: 'tenant-2024',
    });
  });
});

describe('redact by value shape inside free text', () => {
  const cases: { name: string; text: string; removed: string[]; kind: string }[] = [
    {
      name: 'PEM private key block',
      text: `key for the bastion:\n${PEM}\nrotate yearly`,
      removed: [PEM],
      kind: 'private-key',
    },
    {
      name: 'PGP private key block',
      text: 'x -----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK----- y',
      removed: ['-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----'],
      kind: 'private-key',
    },
    {
      name: 'truncated PEM (no END line): withheld to the end',
      text: 'cut: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA',
      removed: ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA'],
      kind: 'private-key',
    },
    { name: 'JWT', text: `session ${JWT} (expires soon)`, removed: [JWT], kind: 'jwt' },
    {
      name: 'Bearer token (scheme kept)',
      text: 'curl -H "Authorization: Bearer 7f3a9c1e2b4d5f6a7b8c" https://api',
      removed: ['7f3a9c1e2b4d5f6a7b8c'],
      kind: 'bearer-token',
    },
    {
      name: 'password in a URL (user and host kept)',
      text: 'migrate from postgres://app:pa@ss:w0rd@db.internal:5432/app today',
      removed: ['pa@ss:w0rd'],
      kind: 'url-password',
    },
    {
      name: 'password in a URL with an empty user',
      text: 'cache redis://:Sup3rS3cret@cache:6379/0',
      removed: ['Sup3rS3cret'],
      kind: 'url-password',
    },
    {
      name: 'ADO connection string password (with a space)',
      text: 'Server=tcp:sql.internal,1433;Database=claims;User Id=app;Password=my p@ss w0rd;Encrypt=True;',
      removed: ['my p@ss w0rd'],
      kind: 'secret-assignment',
    },
    {
      name: 'ODBC PWD in braces',
      text: 'Driver={ODBC Driver 18};Server=db;UID=app;PWD={p;w=d};',
      removed: ['p;w=d'],
      kind: 'secret-assignment',
    },
    {
      name: 'key=value and key: value',
      text: 'temp creds: db_password=hunter2 and api_key: k-9f8e7d6c (remove!)',
      removed: ['hunter2', 'k-9f8e7d6c'],
      kind: 'secret-assignment',
    },
    {
      name: 'JSON pasted into a description',
      text: 'config {"user":"app","password":"pa ss","token": "t0k3n"}',
      removed: ['pa ss', 't0k3n'],
      kind: 'secret-assignment',
    },
    {
      name: 'AWS secret access key next to a key word',
      text: `aws secret ${AWS_SECRET} for ci`,
      removed: [AWS_SECRET],
      kind: 'aws-secret-key',
    },
  ];

  for (const c of cases) {
    it(`${c.name}: replaces only the secret, keeps the rest`, () => {
      const out = redactWithReport({ Description: c.text });
      let expected = c.text;
      for (const r of c.removed) expected = expected.replace(r, m(r));
      expect((out.value as { Description: string }).Description).toBe(expected);
      expect(out.count).toBe(c.removed.length);
      expect(out.kinds).toContain(c.kind);
      for (const r of c.removed) expect(JSON.stringify(out.value)).not.toContain(r);
    });
  }

  it('finds secrets in percent-encoded text (IAM policy documents) and keeps it encoded', () => {
    const doc = { Version: '2012-10-17', Statement: { Sid: 'x', Condition: { note: `Bearer ${JWT}` } } };
    const out = redactWithReport({ Document: encodeURIComponent(JSON.stringify(doc)) });
    const stored = (out.value as { Document: string }).Document;
    expect(stored).not.toContain(JWT.slice(0, 20));
    expect(JSON.parse(decodeURIComponent(stored))).toEqual({
      ...doc,
      Statement: { ...doc.Statement, Condition: { note: `Bearer ${m(JWT)}` } },
    });
    expect(out.kinds).toEqual(['jwt']);
  });

  it('withholds a base64 blob whose decoded text carries a secret', () => {
    const userData = Buffer.from('#!/bin/bash\nexport DB_PASSWORD=hunter2\nsystemctl start app\n').toString(
      'base64',
    );
    const out = redactWithReport({
      UserData: userData,
      Harmless: Buffer.from('hello world, nothing here').toString('base64'),
    });
    expect(out.value).toEqual({
      UserData: m(userData),
      Harmless: Buffer.from('hello world, nothing here').toString('base64'),
    });
    expect(out.kinds).toEqual(['encoded-secret', 'secret-assignment']);
  });
});

describe('redaction leaves evidence the checks need intact', () => {
  it('keeps ARNs, access key ids, resource ids, hashes, dates, numbers, booleans and policy structure', () => {
    const evidence = {
      Arn: 'arn:aws:iam::111122223333:user/svc-backup',
      AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      UserId: 'AIDAJQABLZS4A3QDU576Q',
      GroupId: 'sg-0e1a2b3c4d5e60001',
      VolumeId: 'vol-0a000000000000001',
      // Decision: a hex digest is not secret-shaped; under a hash-like field it is kept even when long.
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      Tags: [{ Key: 'commit', Value: '3f2a9c1e2b4d5f6a7b8c9d0e1f2a3b4c5d6e7f80' }],
      Owner: { ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' },
      // Pagination tokens are opaque and random-looking; they are cursors, not credentials.
      NextToken: AWS_SECRET,
      CreateDate: '2024-02-03T04:05:06.789Z',
      Size: 100,
      Encrypted: false,
      Content:
        'user,arn,password_enabled,password_last_used\nalice,arn:aws:iam::111122223333:user/alice,true,N/A',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['secretsmanager:GetSecretValue', 'sts:GetSessionToken', 'iam:Get*'],
            Resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-password-AbCdEf',
            Condition: { StringEquals: { 'secretsmanager:ResourceTag/env': 'prod' } },
          },
        ],
      },
      Description: 'Bearer responsibilities: see the basic understanding doc; https://example.com/a:b',
    };
    expect(redactWithReport(evidence)).toEqual({ value: evidence, count: 0, kinds: [] });
  });

  it('leaves a bare 40-char base64 string in free text alone when no key word is near it', () => {
    const text = `build artifact ${AWS_SECRET.replace(/\//g, 'x')} uploaded`;
    expect(redact({ Description: text })).toEqual({ Description: text });
  });
});

describe('redaction markers and idempotence', () => {
  const mixed = () => ({
    Tags: [{ Key: 'DB_PASSWORD', Value: 'hunter2' }],
    Description: `postgres://a:pw@h/db, ${JWT}, Authorization: Bearer abcdef0123456789, ${PEM}`,
    Config: { Password: 'x', Nested: { ApiKey: 'y', Note: 'password=z; other=1' } },
    Document: encodeURIComponent(`{"t":"${JWT}"}`),
  });

  it('never keeps the value, and the marker says the removed length', () => {
    const out = redactWithReport(mixed());
    const text = JSON.stringify(out.value);
    for (const secret of [
      'hunter2',
      'pw@h',
      JWT.slice(0, 30),
      'abcdef0123456789',
      'MIIEowIBAAKC',
      '"x"',
      '"y"',
    ])
      expect(text, secret).not.toContain(secret);
    expect(text).toContain(m(JWT));
    expect(text).toContain(m(PEM));
    expect(isRedactionMarker(m(PEM))).toBe(true);
    expect(isRedactionMarker(`${m(PEM)} `)).toBe(false);
    expect(out.count).toBe(9);
    expect(out.kinds).toEqual([
      'bearer-token',
      'jwt',
      'key-name',
      'private-key',
      'secret-assignment',
      'url-password',
    ]);
  });

  it('redacting twice changes no marker and does not double count', () => {
    const once = redactWithReport(mixed());
    const twice = redactWithReport(once.value);
    expect(twice.value).toEqual(once.value);
    expect(twice.count).toBe(once.count);
    expect(twice.kinds).toEqual(once.kinds);
    // A string cannot remember its earlier pass: it is unchanged and reports nothing new.
    const s = redactWithReport(`token=abc ${JWT}`);
    expect(redactWithReport(s.value)).toEqual({ value: s.value, count: 0, kinds: [] });
  });

  it('credits what redact() withheld when its result is redacted again inside a new object', () => {
    // What a collector does (redactObject for plain JSON) and then the sink does (redact the whole item).
    const config = redactObject({ Description: `password=hunter2`, Secret: 's' });
    const item = redactWithReport({ config, extra: { Token: 't' } });
    expect(item.count).toBe(3);
    expect(item.kinds).toEqual(['key-name', 'secret-assignment']);
  });

  it('drops SDK $metadata and undefined, and turns Dates and bytes into JSON', () => {
    const out = redactObject({
      $metadata: { httpStatusCode: 200, requestId: 'abc', attempts: 1 },
      CreateDate: new Date('2024-02-03T04:05:06.789Z'),
      Content: new Uint8Array([104, 105]),
      Missing: undefined,
      Count: 3,
      Big: BigInt(12),
      Nested: [{ When: new Date(0), Flag: false }],
    });
    expect(out).toEqual({
      CreateDate: '2024-02-03T04:05:06.789Z',
      Content: 'aGk=',
      Count: 3,
      Big: '12',
      Nested: [{ When: '1970-01-01T00:00:00.000Z', Flag: false }],
    });
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('does not modify its input and survives cycles', () => {
    const input: Record<string, unknown> = { SessionToken: 't', Items: [1] };
    input.self = input;
    const out = redact(input) as Record<string, unknown>;
    expect(input.SessionToken).toBe('t');
    expect(out.self).toBe('[Circular]');
    expect(out.SessionToken).toBe(m('t'));
  });
});

describe('CollectionBuffer redacts whatever a collector hands it', () => {
  const sgUid = 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0e1a2b3c4d5e60001';

  it('redacts resource name, tags and config, raw params/responses and gap messages, and counts per target', () => {
    const progress: string[] = [];
    const buffer = new CollectionBuffer(new AbortController().signal, (p) => progress.push(p.message));
    buffer.resource({
      uid: sgUid,
      provider: 'aws',
      service: 'ec2',
      type: 'AWS::EC2::SecurityGroup',
      region: 'us-east-1',
      name: `web token=abc123 (sg-0e1a2b3c4d5e60001)`,
      tags: { API_KEY: 'k', Name: JWT, Environment: 'prod' },
      config: { GroupId: 'sg-0e1a2b3c4d5e60001', Description: `see ${JWT}` },
    });
    buffer.raw({
      service: 'ec2',
      region: 'us-east-1',
      operation: 'DescribeSecurityGroups',
      params: { Filters: [{ Name: 'tag:DB_PASSWORD', Values: ['hunter2'] }] },
      response: { SecurityGroups: [{ Tags: [{ Key: 'API_KEY', Value: 'k' }] }] },
    });
    buffer.raw({
      service: 'ec2',
      region: 'us-east-1',
      operation: 'DescribeSecurityGroups',
      params: {},
      response: { SecurityGroups: [{ Description: `key ${AWS_SECRET}` }] },
    });
    buffer.gap({
      service: 's3',
      region: 'us-east-1',
      operation: 'GetBucketPolicy',
      code: 'AccessDenied',
      message: 'denied for postgres://app:pw1@db/x',
    });
    buffer.progress({
      phase: 'collecting',
      service: null,
      region: null,
      done: 0,
      total: 1,
      message: `using ${JWT}`,
    });

    const dump = JSON.stringify([buffer.resources, buffer.raws, buffer.gaps, progress]);
    for (const secret of ['abc123', JWT.slice(0, 30), 'hunter2', '"k"', AWS_SECRET, 'pw1']) {
      expect(dump, secret).not.toContain(secret);
    }
    expect(buffer.resources[0]).toMatchObject({
      uid: sgUid,
      name: `web token=${m('abc123')} (sg-0e1a2b3c4d5e60001)`,
      tags: { API_KEY: m('k'), Name: m(JWT), Environment: 'prod' },
      config: { GroupId: 'sg-0e1a2b3c4d5e60001', Description: `see ${m(JWT)}` },
    });
    expect(progress).toEqual([`using ${m(JWT)}`]);
    expect(buffer.redactions).toEqual([
      { target: sgUid, count: 4, kinds: ['jwt', 'key-name', 'secret-assignment'] },
      // Two pages of the same operation merge into one target.
      { target: 'ec2/us-east-1/DescribeSecurityGroups', count: 3, kinds: ['aws-secret-key', 'key-name'] },
      { target: 's3/us-east-1/GetBucketPolicy', count: 1, kinds: ['url-password'] },
    ]);
  });

  it('counts a value the collector already redacted once, not twice', () => {
    const buffer = new CollectionBuffer(new AbortController().signal);
    const config = redactObject({ Tags: [{ Key: 'db_password', Value: 'hunter2' }] });
    const item = {
      uid: 'u',
      provider: 'aws' as const,
      service: 's',
      type: 't',
      region: 'r',
      name: 'n',
      tags: {},
      config,
    };
    buffer.resource(item);
    expect(buffer.resources[0].config).toEqual({ Tags: [{ Key: 'db_password', Value: m('hunter2') }] });
    expect(buffer.redactions).toEqual([{ target: 'u', count: 1, kinds: ['key-name'] }]);
    // Nothing withheld = no entry (the store's redactions table requires count > 0).
    buffer.resource({ ...item, uid: 'clean', config: { a: 'b' } });
    expect(buffer.redactions.map((r) => r.target)).toEqual(['u']);
  });
});
