// Where each client sends its requests when the connection's profile configures endpoints: the documented
// order (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's services section, its endpoint_url), the
// ignore switches, S3 addressing style, and that the CHOSEN profile's settings apply (the SDK alone would read
// AWS_PROFILE's).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsClients } from '../../main/collect/aws/client-config';
import {
  configuredEndpointFor,
  configuredEndpointsForTarget,
  loadConfiguredEndpoints,
  serviceKey,
} from '../../main/collect/aws/configured-endpoints';
import { S3Client } from '@aws-sdk/client-s3';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

let home: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-cfg-endpoints-'));
  env = {
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'creds'),
  };
  fs.writeFileSync(
    path.join(home, 'config'),
    [
      '[default]',
      'endpoint_url = http://default-profile.invalid:1',
      '[profile lab]',
      'region = us-east-1',
      'endpoint_url = http://lab.invalid:4566',
      'services = lab-services',
      's3 =',
      '  addressing_style = path',
      '[profile virtual]',
      'endpoint_url = http://10.0.0.5:9000',
      's3 =',
      '  addressing_style = virtual',
      '[profile off]',
      'endpoint_url = http://off.invalid:1',
      'ignore_configured_endpoint_urls = true',
      '[services lab-services]',
      'elastic_load_balancing_v2 =',
      '  endpoint_url = http://elb.lab.invalid:4000',
      '[profile broken]',
      'endpoint_url = ftp://nope',
    ].join('\n'),
  );
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };

async function endpointOf(client: {
  config: { endpoint?: () => Promise<unknown> };
}): Promise<string | undefined> {
  const e = (await client.config.endpoint?.()) as
    { protocol: string; hostname: string; port?: number } | undefined;
  return e ? `${e.protocol}//${e.hostname}${e.port ? `:${e.port}` : ''}` : undefined;
}

describe('configured endpoints of the chosen profile', () => {
  it('follow the documented order for each service', async () => {
    const lab = await loadConfiguredEndpoints('lab', env);
    expect(serviceKey('Elastic Load Balancing v2')).toBe('elastic_load_balancing_v2');
    expect(configuredEndpointFor(lab, 'Elastic Load Balancing v2')).toBe('http://elb.lab.invalid:4000');
    expect(configuredEndpointFor(lab, 'S3')).toBe('http://lab.invalid:4566');
    const withEnv = await loadConfiguredEndpoints('lab', {
      ...env,
      AWS_ENDPOINT_URL: 'http://global-env.invalid:1',
      AWS_ENDPOINT_URL_S3: 'http://s3-env.invalid:2',
    });
    expect(configuredEndpointFor(withEnv, 'S3')).toBe('http://s3-env.invalid:2');
    expect(configuredEndpointFor(withEnv, 'Elastic Load Balancing v2')).toBe('http://global-env.invalid:1');
    const ignored = await loadConfiguredEndpoints('lab', {
      ...env,
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
    });
    expect(configuredEndpointFor(ignored, 'S3')).toBeUndefined();
    expect(configuredEndpointFor(await loadConfiguredEndpoints('off', env), 'S3')).toBeUndefined();
  });

  it('are the connection profile, not AWS_PROFILE or default', async () => {
    const cfg = await loadConfiguredEndpoints('lab', { ...env, AWS_PROFILE: 'virtual' });
    expect(configuredEndpointFor(cfg, 'EC2')).toBe('http://lab.invalid:4566');
    // Without a profile (environment credentials), the SDK's choice: AWS_PROFILE, else default.
    expect(configuredEndpointFor(await loadConfiguredEndpoints(undefined, env), 'EC2')).toBe(
      'http://default-profile.invalid:1',
    );
  });

  it('refuse an endpoint that is not http(s), naming the profile and file', async () => {
    await expect(loadConfiguredEndpoints('broken', env)).rejects.toThrow(
      /endpoint_url of profile "broken" in .*config must start with http/,
    );
  });

  it('reach the clients: endpoint per service, profile option, path-style S3', async () => {
    const target = { credentials: creds, profile: 'lab', homeRegion: 'us-east-1' };
    const clients = new AwsClients(target, await configuredEndpointsForTarget(target, env));
    try {
      const s3 = await clients.s3('us-east-1');
      expect(await endpointOf(s3)).toBe('http://lab.invalid:4566');
      expect(s3.config.forcePathStyle).toBe(true);
      expect((s3.config as { profile?: string }).profile).toBe('lab');
      const elb = clients.client(
        'elasticloadbalancing',
        'eu-west-1',
        (c) => new ElasticLoadBalancingV2Client(c),
      );
      expect(await endpointOf(elb)).toBe('http://elb.lab.invalid:4000');
      expect(await endpointOf(await clients.ec2('eu-west-1'))).toBe('http://lab.invalid:4566');
    } finally {
      clients.destroy();
    }
  });

  it('keep virtual-hosted S3 when the profile says so, and path-style for any custom endpoint otherwise', async () => {
    const virtual = { credentials: creds, profile: 'virtual', homeRegion: 'us-east-1' };
    const v = new AwsClients(virtual, await configuredEndpointsForTarget(virtual, env));
    const plain = new AwsClients({
      credentials: creds,
      homeRegion: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
    });
    const aws = new AwsClients({ credentials: creds, homeRegion: 'us-east-1' });
    try {
      expect((await v.s3('us-east-1')).config.forcePathStyle).toBe(false);
      expect((await plain.s3('us-east-1')).config.forcePathStyle).toBe(true);
      expect(plain.client('s3', 'eu-west-1', (c) => new S3Client(c)).config.forcePathStyle).toBe(true);
      // Real AWS, nothing configured: the SDK's default (virtual-hosted where possible).
      expect((await aws.s3('us-east-1')).config.forcePathStyle).toBe(false);
      expect(await endpointOf(await aws.ec2('us-east-1'))).toBeUndefined();
    } finally {
      v.destroy();
      plain.destroy();
      aws.destroy();
    }
  });

  it('an explicit endpoint (demo, custom endpoint connection) wins over the profile', async () => {
    const target = {
      credentials: creds,
      profile: 'lab',
      homeRegion: 'us-east-1',
      endpoint: 'http://127.0.0.1:7',
    };
    const clients = new AwsClients(target, await configuredEndpointsForTarget(target, env));
    try {
      expect(
        await endpointOf(
          clients.client('elasticloadbalancing', 'us-east-1', (c) => new ElasticLoadBalancingV2Client(c)),
        ),
      ).toBe('http://127.0.0.1:7');
      expect((await clients.s3('us-east-1')).config.forcePathStyle).toBe(true);
    } finally {
      clients.destroy();
    }
  });
});
