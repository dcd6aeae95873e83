import { describe, expect, it } from 'vitest';
import { isSecretKey, redact, redactObject, REDACTED } from '../../main/collect/redact';

describe('redact', () => {
  it('replaces secret values by key name, at any depth, and keeps everything else', () => {
    const out = redact({
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 'wJalrXUtnFEMI',
        SessionToken: 'FwoGZXIvYXdz',
        Expiration: 'x',
      },
      DBInstances: [{ MasterUserPassword: 'hunter2', MasterUsername: 'admin' }],
      KeyPair: { KeyMaterial: 'k', PrivateKey: '-----BEGIN RSA PRIVATE KEY-----' },
      client_secret: 'abc',
      'x-api-secret-value': 'abc',
      Password: 'p',
      Name: 'bucket',
    });
    expect(out).toEqual({
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: REDACTED,
        SessionToken: REDACTED,
        Expiration: 'x',
      },
      DBInstances: [{ MasterUserPassword: REDACTED, MasterUsername: 'admin' }],
      KeyPair: { KeyMaterial: 'k', PrivateKey: REDACTED },
      client_secret: REDACTED,
      'x-api-secret-value': REDACTED,
      Password: REDACTED,
      Name: 'bucket',
    });
  });

  it('redacts a secret-named object or array wholesale', () => {
    expect(redact({ Secrets: [{ Name: 'a', Value: 'b' }], SecretString: { nested: 'x' } })).toEqual({
      Secrets: REDACTED,
      SecretString: REDACTED,
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
    };
    expect(redact(policy)).toEqual(policy);
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
    expect(out.SessionToken).toBe(REDACTED);
  });

  it('isSecretKey matches spelling variants', () => {
    for (const k of [
      'SecretAccessKey',
      'secret_access_key',
      'secret-access-key',
      'SESSIONTOKEN',
      'privateKey',
      'ConnectionString',
      'AdminPassword',
    ]) {
      expect(isSecretKey(k), k).toBe(true);
    }
    for (const k of [
      'AccessKeyId',
      'PasswordLastUsed',
      'PasswordPolicy',
      'NextToken',
      'KeyName',
      'KmsKeyId',
    ]) {
      expect(isSecretKey(k), k).toBe(false);
    }
  });
});
