import { describe, expect, it } from 'vitest';
import { recordedCall, type AwsClients } from '../../main/collect/aws/client-config';
import {
  AWS_API_CALLS,
  CREDENTIAL_PROVIDER_CALLS,
  actionFor,
  findApiCall,
  leastPrivilegePolicy,
  leastPrivilegePolicyNotes,
} from '../../main/collect/registry';
import { CallScheduler } from '../../main/collect/concurrency';
import { CollectionBuffer } from '../../main/collect/types';

describe('API call registry', () => {
  it('lists each service operation once, with an IAM action of that service and a reason', () => {
    const keys = AWS_API_CALLS.map((c) => `${c.service}:${c.operation}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Where the IAM action prefix is not the SigV4 signing name (S3 Control is authorised as s3:*, CloudWatch
    // signs as 'monitoring').
    const iamPrefix: Record<string, string> = { 's3-control': 's3', monitoring: 'cloudwatch' };
    for (const c of AWS_API_CALLS) {
      expect(c.action.startsWith(`${iamPrefix[c.service] ?? c.service}:`), c.action).toBe(true);
      expect(c.why.length).toBeGreaterThan(20);
      // Read-only: nothing that creates, changes or deletes (GenerateCredentialReport only builds a report).
      expect(c.action).toMatch(/^[a-z0-9-]+:(Get|List|Describe|GenerateCredentialReport)/);
    }
  });

  it('maps operations whose IAM action differs from the operation name', () => {
    expect(actionFor('s3', 'ListBuckets')).toBe('s3:ListAllMyBuckets');
    expect(actionFor('s3', 'GetPublicAccessBlock')).toBe('s3:GetBucketPublicAccessBlock');
    expect(actionFor('s3', 'GetBucketEncryption')).toBe('s3:GetEncryptionConfiguration');
    expect(findApiCall('s3', 'PutObject')).toBeUndefined();
  });

  it('generates a read-only policy with exactly the registry actions', () => {
    const policy = leastPrivilegePolicy();
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement).toHaveLength(1);
    const [st] = policy.Statement;
    expect(st).toMatchObject({ Effect: 'Allow', Resource: '*' });
    expect([...st.Action].sort()).toEqual([...new Set(AWS_API_CALLS.map((c) => c.action))].sort());
    expect(st.Action).toContain('s3:GetBucketPolicyStatus');
    expect(st.Action.some((a) => a.includes('*'))).toBe(false);
    // Valid JSON an analyst can paste into the IAM console, with only elements IAM accepts (notes go beside it).
    expect(JSON.parse(JSON.stringify(policy))).toEqual(policy);
    expect(Object.keys(policy).sort()).toEqual(['Statement', 'Version']);
    expect(Object.keys(st).sort()).toEqual(['Action', 'Effect', 'Resource', 'Sid']);
  });

  it('notes the credential calls the SDK makes for the analyst, which are not collector calls nor in the policy', () => {
    expect(CREDENTIAL_PROVIDER_CALLS.map((c) => c.call)).toEqual([
      'sts:AssumeRole',
      'sts:AssumeRoleWithWebIdentity',
      'sso:GetRoleCredentials',
      'sso-oauth:CreateToken',
      'signin:CreateOAuth2Token',
    ]);
    const policyActions = leastPrivilegePolicy().Statement[0].Action;
    for (const c of CREDENTIAL_PROVIDER_CALLS) {
      // Collectors never make these: the guard would refuse them, and the policy must not grant them.
      const [service, operation] = c.call.split(':');
      expect(findApiCall(service, operation), c.call).toBeUndefined();
      expect(policyActions).not.toContain(c.call);
    }

    const notes = leastPrivilegePolicyNotes();
    const text = notes.join('\n');
    expect(text).toMatch(/credential provider chain \(not a collector\)/);
    for (const c of CREDENTIAL_PROVIDER_CALLS) {
      expect(notes.filter((n) => n.startsWith(`${c.call} (for `))).toHaveLength(1);
    }
    // What each must allow: the role's trust policy for STS, the permission set for Identity Center.
    const note = (call: string) => notes.find((n) => n.startsWith(`${call} (`)) ?? '';
    expect(note('sts:AssumeRole')).toMatch(/trust policy must allow sts:AssumeRole/);
    expect(note('sts:AssumeRole')).toMatch(/source identity's own policy must allow sts:AssumeRole/);
    expect(note('sts:AssumeRoleWithWebIdentity')).toMatch(
      /trust policy must allow\s+sts:AssumeRoleWithWebIdentity/,
    );
    expect(note('sso:GetRoleCredentials')).toMatch(/assigned the permission set/);
    expect(note('sso-oauth:CreateToken')).toMatch(/aws sso login --profile <name>/);
  });

  it('refuses to make a call that is not registered (the policy would not cover it)', async () => {
    const sink = new CollectionBuffer(new AbortController().signal);
    let sent = false;
    await expect(
      recordedCall(
        { sink, clients: {} as AwsClients, scheduler: new CallScheduler(sink.signal) },
        { service: 's3', region: 'us-east-1', operation: 'GetBucketWebsite' },
        async () => {
          sent = true;
          return {};
        },
      ),
    ).rejects.toThrow(/s3:GetBucketWebsite is not in main\/collect\/registry.ts/);
    expect(sent).toBe(false);
  });
});
