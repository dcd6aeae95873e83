// Our reading of resource and trust policies: public, restricted and cross-account grants, and documents that
// cannot be read (which must never come out as "not public" silently).
import { describe, expect, it } from 'vitest';
import { judgePolicy } from '../../main/collect/aws/policy-judgement';

const OWN = '111122223333';
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Principal: unknown, extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal,
  Action: 's3:GetObject',
  Resource: '*',
  ...extra,
});

describe('judgePolicy', () => {
  it('finds Principal "*" and {"AWS": "*"} public, in a single statement object too', () => {
    expect(judgePolicy(doc(allow('*')), OWN).Public).toBe(true);
    expect(judgePolicy(doc(allow({ AWS: ['*'] }, { Sid: 'Anyone' })), OWN).PublicStatements).toEqual([
      { sid: 'Anyone', reason: 'Allow to Principal "*" without a restricting condition' },
    ]);
    expect(judgePolicy({ Statement: allow({ AWS: '*' }) }, OWN).Public).toBe(true);
  });

  it('is not public when a concrete restricting condition ties the wildcard down', () => {
    for (const cond of [
      { StringEquals: { 'aws:SourceAccount': OWN } },
      { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/E1' } },
      { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
      { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c' } },
    ]) {
      const j = judgePolicy(doc(allow('*', { Condition: cond })), OWN);
      expect(j.Public, JSON.stringify(cond)).toBe(false);
      expect(j.RestrictedStatements).toHaveLength(1);
    }
  });

  it('stays public under conditions that do not restrict who calls', () => {
    for (const cond of [
      { Bool: { 'aws:SecureTransport': 'true' } },
      { StringNotEquals: { 'aws:SourceAccount': OWN } },
      { StringLike: { 'aws:SourceArn': '*' } },
      { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
    ]) {
      expect(judgePolicy(doc(allow('*', { Condition: cond })), OWN).Public, JSON.stringify(cond)).toBe(true);
    }
  });

  it('ignores Deny statements and service principals, and treats Allow + NotPrincipal as public', () => {
    expect(judgePolicy(doc({ ...allow('*'), Effect: 'Deny' }), OWN).Public).toBe(false);
    expect(judgePolicy(doc(allow({ Service: 'cloudtrail.amazonaws.com' })), OWN).Public).toBe(false);
    const np = { Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: '*' };
    expect(judgePolicy(doc(np), OWN).Public).toBe(true);
  });

  it('lists other accounts, and those granted without sts:ExternalId', () => {
    const j = judgePolicy(
      doc(
        allow({ AWS: 'arn:aws:iam::444455556666:root' }),
        allow({ AWS: '777788889999' }, { Condition: { StringEquals: { 'sts:ExternalId': 'x-123' } } }),
        allow({ AWS: `arn:aws:iam::${OWN}:role/admin` }),
      ),
      OWN,
    );
    expect(j.Public).toBe(false);
    expect(j.CrossAccounts).toEqual(['444455556666', '777788889999']);
    expect(j.CrossAccountsWithoutExternalId).toEqual(['444455556666']);
  });

  it("reads IAM's URL-encoded documents and reports unreadable ones instead of calling them private", () => {
    const encoded = encodeURIComponent(JSON.stringify(doc(allow('*'))));
    expect(judgePolicy(encoded, OWN).Public).toBe(true);
    expect(judgePolicy('{not json', OWN).ParseError).toMatch(/not valid JSON/);
    expect(judgePolicy({ Version: '2012-10-17' }, OWN).ParseError).toMatch(/no Statement/);
    expect(judgePolicy(42, OWN).ParseError).toMatch(/not a JSON object/);
  });
});
