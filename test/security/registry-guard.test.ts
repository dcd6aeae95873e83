// Threat: a collector (by mistake or a bad merge) sends a write or unlisted AWS call, e.g. PutBucketAcl, while
// naming an allowed read-only operation beside it, so the registry check on the name passes and the call runs
// with the analyst's credentials (or its response is filed as evidence under the wrong operation).
// Proves: the guard on every SDK client inspects the command actually sent and refuses it before any request
// leaves the process (a loopback server that records every request sees none), the refusal stops the
// collection instead of becoming a recorded gap, and an allowed call through the same path does reach the server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { AuthorizeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { CreateAccessKeyCommand, DeleteUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import {
  DeleteBucketCommand,
  GetBucketAclCommand,
  GetBucketLoggingCommand,
  PutBucketAclCommand,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsClients, recordedCall, type CallContext } from '../../main/collect/aws/client-config';
import { RegistryGuardError } from '../../main/collect/aws/registry-guard';
import { CallScheduler } from '../../main/collect/concurrency';
import { CollectionBuffer } from '../../main/collect/types';

type Seen = { method: string; url: string };

/** Records every HTTP request that reaches it, whatever it is, and answers each with a 500. */
async function startRecorder(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '' });
    req.resume();
    res.writeHead(500, { 'content-type': 'text/plain' }).end('recorder');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('registry guard on the SDK clients', () => {
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  let clients: AwsClients;
  let sink: CollectionBuffer;
  let ctx: CallContext;

  beforeEach(async () => {
    recorder = await startRecorder();
    clients = new AwsClients({
      credentials: { accessKeyId: 'AKIAGUARDTEST0000000', secretAccessKey: 'guard-test-secret-not-real' },
      endpoint: recorder.url,
      homeRegion: 'us-east-1',
      // One attempt, so the allowed control call reaches the recorder exactly once.
      maxAttempts: 1,
      requestTimeoutMs: 5_000,
    });
    sink = new CollectionBuffer(new AbortController().signal);
    ctx = { sink, clients, scheduler: new CallScheduler(sink.signal) };
  });

  afterEach(async () => {
    clients.destroy();
    await recorder.close();
  });

  it('refuses a write command sent under an allowed operation name, before any request leaves', async () => {
    const Bucket = 'evidence-bucket';
    const call = recordedCall(
      ctx,
      { service: 's3', region: 'us-east-1', operation: 'GetBucketAcl' },
      async (abortSignal) =>
        (await clients.s3('us-east-1')).send(new PutBucketAclCommand({ Bucket, ACL: 'public-read' }), {
          abortSignal,
        }),
    );
    await expect(call).rejects.toThrow(RegistryGuardError);
    await expect(call).rejects.toThrow(/refused s3:PutBucketAcl: it is not in main\/collect\/registry\.ts/);
    expect(recorder.seen).toEqual([]);
    // Not turned into evidence either: a guard refusal is a code defect, not an AWS answer.
    expect(sink.raws).toEqual([]);
    expect(sink.gaps).toEqual([]);
  });

  it('refuses write commands on every service client, each under an allowed name of that service', async () => {
    const attempts = [
      recordedCall(
        ctx,
        { service: 's3', region: 'us-east-1', operation: 'GetBucketLocation' },
        async (abortSignal) =>
          (await clients.s3('us-east-1')).send(new DeleteBucketCommand({ Bucket: 'b' }), { abortSignal }),
      ),
      recordedCall(
        ctx,
        { service: 'iam', region: 'global', operation: 'ListAccessKeys' },
        async (abortSignal) =>
          (await clients.iam()).send(new CreateAccessKeyCommand({ UserName: 'alice' }), { abortSignal }),
      ),
      recordedCall(
        ctx,
        { service: 'ec2', region: 'eu-west-1', operation: 'DescribeSecurityGroups' },
        async (abortSignal) =>
          (await clients.ec2('eu-west-1')).send(
            new AuthorizeSecurityGroupIngressCommand({
              GroupId: 'sg-1',
              CidrIp: '0.0.0.0/0',
              IpProtocol: '-1',
            }),
            { abortSignal },
          ),
      ),
      recordedCall(
        ctx,
        { service: 'cloudtrail', region: 'eu-west-1', operation: 'GetTrailStatus' },
        async (abortSignal) =>
          (await clients.cloudtrail('eu-west-1')).send(new StopLoggingCommand({ Name: 'org-trail' }), {
            abortSignal,
          }),
      ),
      recordedCall(
        ctx,
        { service: 'sts', region: 'us-east-1', operation: 'GetCallerIdentity' },
        async (abortSignal) =>
          (await clients.sts()).send(
            new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/x', RoleSessionName: 's' }),
            { abortSignal },
          ),
      ),
    ];
    const results = await Promise.allSettled(attempts);
    const reasons = results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'SENT'));
    expect(reasons).toEqual([
      expect.stringMatching(/refused s3:DeleteBucket:/),
      expect.stringMatching(/refused iam:CreateAccessKey:/),
      expect.stringMatching(/refused ec2:AuthorizeSecurityGroupIngress:/),
      expect.stringMatching(/refused cloudtrail:StopLogging:/),
      expect.stringMatching(/refused sts:AssumeRole:/),
    ]);
    expect(recorder.seen).toEqual([]);
  });

  it('refuses a registered read-only command that is not the operation the collector declared', async () => {
    const call = recordedCall(
      ctx,
      { service: 's3', region: 'us-east-1', operation: 'GetBucketAcl' },
      async (abortSignal) =>
        (await clients.s3('us-east-1')).send(new GetBucketLoggingCommand({ Bucket: 'b' }), { abortSignal }),
    );
    await expect(call).rejects.toThrow(
      /refused s3:GetBucketLogging: the collector declared s3:GetBucketAcl for this call/,
    );
    expect(recorder.seen).toEqual([]);
  });

  it('refuses an unlisted command sent straight through a client, outside recordedCall', async () => {
    await expect((await clients.iam()).send(new DeleteUserCommand({ UserName: 'alice' }))).rejects.toThrow(
      /refused iam:DeleteUser: it is not in main\/collect\/registry\.ts/,
    );
    expect(recorder.seen).toEqual([]);
  });

  it("refuses another service's command sent through a client, even one that is registered for its own service", async () => {
    // ListUsers is an allowed IAM call; through the S3 client it would be checked against the wrong service.
    const s3 = (await clients.s3('us-east-1')) as unknown as { send(c: ListUsersCommand): Promise<unknown> };
    await expect(s3.send(new ListUsersCommand({}))).rejects.toThrow(
      /refused IAMClient command ListUsers sent through the s3 client/,
    );
    expect(recorder.seen).toEqual([]);
  });

  it('lets the declared, registered command through: it reaches the server and its failure is a recorded gap', async () => {
    const out = await recordedCall(
      ctx,
      {
        service: 's3',
        region: 'us-east-1',
        operation: 'GetBucketAcl',
        params: { Bucket: 'evidence-bucket' },
      },
      async (abortSignal) =>
        (await clients.s3('us-east-1')).send(new GetBucketAclCommand({ Bucket: 'evidence-bucket' }), {
          abortSignal,
        }),
    );
    expect(out.ok).toBe(false);
    expect(recorder.seen).toEqual([
      { method: 'GET', url: expect.stringMatching(/^\/evidence-bucket\/?\?acl/) },
    ]);
    expect(sink.gaps).toEqual([expect.objectContaining({ service: 's3', operation: 'GetBucketAcl' })]);

    // The identity call collectors make directly (not through recordedCall) is registered and goes through too.
    await expect((await clients.sts()).send(new GetCallerIdentityCommand({}))).rejects.not.toBeInstanceOf(
      RegistryGuardError,
    );
    expect(recorder.seen).toHaveLength(2);
    expect(recorder.seen[1].method).toBe('POST');
  });
});
