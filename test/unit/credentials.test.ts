// Credential discovery and resolution against real files in a temp HOME, driving the real SDK providers.
// Every failure case fails locally (expired token, missing profile, broken process) so no network is used.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AwsCredentialError,
  awsCredentialsFor,
  discoverAwsConnections,
  explainCredentialError,
  redactSecrets,
} from '../../main/collect/aws/credentials';
import { listConnections } from '../../main/collect/targets';
import { registerDemoConnection } from '../../main/demo/demo-target';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

let home: string;

function write(rel: string, text: string): string {
  const file = path.join(home, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function ssoCacheFile(key: string): string {
  const name = crypto.createHash('sha1').update(key).digest('hex');
  return path.join('.aws', 'sso', 'cache', `${name}.json`);
}

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-creds-'));
  // The SDK finds the SSO token cache through process.env.HOME, so the temp HOME must be the process's too.
  vi.stubEnv('HOME', home);
  vi.stubEnv('USERPROFILE', home);
  for (const v of [
    'AWS_CONFIG_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_EC2_METADATA_DISABLED',
  ])
    vi.stubEnv(v, undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(home, { recursive: true, force: true });
});

async function failureOf(connectionId: string): Promise<AwsCredentialError> {
  const err = await awsCredentialsFor(connectionId, process.env)().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AwsCredentialError);
  return err as AwsCredentialError;
}

// Through listConnections: what connections.list answers (the machine's AWS config, then registered providers).
describe('discoverAwsConnections', () => {
  beforeAll(() => registerDemoConnection());

  it('lists config and credentials profiles with kind and region, demo last, and no secrets', () => {
    write(
      '.aws/config',
      [
        '[default]',
        'region = eu-west-1',
        '',
        '[profile audit-sso]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = SecurityAudit',
        'region = us-east-2',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '[profile legacy-sso]',
        'sso_start_url = https://old.awsapps.com/start',
        '[profile auditor-role]',
        'role_arn = arn:aws:iam::111122223333:role/Auditor',
        'source_profile = default',
        '[profile vault] ; inline comment',
        'credential_process = aws-vault export --format=json vault',
        '[profile k8s]',
        'role_arn = arn:aws:iam::111122223333:role/Web',
        'web_identity_token_file = /var/run/token',
        '[profile only-region]',
        'region = ap-southeast-2',
        '  # indented comment',
        '[profile tuned]',
        's3 =',
        '  max_concurrent_requests = 10',
        'region = us-west-2',
      ].join('\n'),
    );
    write(
      '.aws/credentials',
      `[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`,
    );

    const list = listConnections({ env: process.env });
    expect(list.problems).toEqual([]);
    const byId = Object.fromEntries(list.connections.map((c) => [c.id, c]));
    expect(list.connections.map((c) => c.id)).toEqual([
      'aws-profile:default',
      'aws-profile:audit-sso',
      'aws-profile:auditor-role',
      'aws-profile:k8s',
      'aws-profile:legacy-sso',
      'aws-profile:only-region',
      'aws-profile:tuned',
      'aws-profile:vault',
      'demo',
    ]);
    expect(byId['aws-profile:default']).toMatchObject({
      kind: 'static',
      region: 'eu-west-1',
      source: '~/.aws/config + ~/.aws/credentials',
    });
    expect(byId['aws-profile:audit-sso']).toMatchObject({
      kind: 'sso',
      region: 'us-east-2',
      provider: 'aws',
    });
    expect(byId['aws-profile:legacy-sso'].kind).toBe('sso');
    expect(byId['aws-profile:auditor-role'].kind).toBe('assume-role');
    expect(byId['aws-profile:vault'].kind).toBe('credential-process');
    expect(byId['aws-profile:k8s'].kind).toBe('web-identity');
    expect(byId['aws-profile:only-region']).toMatchObject({ kind: 'unknown', region: 'ap-southeast-2' });
    expect(byId['aws-profile:tuned'].region).toBe('us-west-2');
    expect(list.connections.at(-1)).toEqual({
      id: 'demo',
      provider: 'aws',
      name: 'Demo estate (Northwind Health, fictional)',
      kind: 'demo',
      region: 'us-east-1',
      source: 'embedded demo',
    });
    const text = JSON.stringify(list);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(KEY_ID);
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE from the given env, not the process', () => {
    const config = write('elsewhere/cfg', '[profile moved]\nregion = sa-east-1\n');
    const creds = write('elsewhere/creds', '[other]\naws_access_key_id = x\naws_secret_access_key = y\n');
    write('.aws/config', '[profile should-not-appear]\nregion = us-east-1\n');
    const env = { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: creds };
    const ids = listConnections({ env }).connections.map((c) => c.id);
    expect(ids).toEqual(['aws-profile:moved', 'aws-profile:other', 'demo']);
  });

  it('only the demo when there are no AWS files, and that is not a problem', () => {
    expect(listConnections({ env: { HOME: home } })).toEqual({
      connections: [expect.objectContaining({ id: 'demo' })],
      problems: [],
    });
  });

  it('reports malformed lines with file and line number, never quoting them, and keeps the good profiles', () => {
    const config = write(
      '.aws/config',
      [
        'region = us-east-1', // 1: outside any section
        '[profile good]', // 2
        'region = eu-central-1', // 3
        SECRET, // 4: a pasted secret, not key=value
        '[profile broken', // 5: unterminated
        'region = us-west-1', // 6: skipped with its broken section
        '[profile after]', // 7
        'output = json', // 8
        '[staging]', // 9: ignored by AWS tools in the config file
      ].join('\n'),
    );
    const list = listConnections({ env: { HOME: home } });
    expect(list.connections.map((c) => c.id)).toEqual(['aws-profile:after', 'aws-profile:good', 'demo']);
    expect(list.problems).toHaveLength(4);
    expect(list.problems[0]).toBe(
      `${config} line 1: setting "region" is outside any section. Move it under a [profile name] header.`,
    );
    expect(list.problems[1]).toMatch(new RegExp(`^${config} line 4: not a section header`));
    expect(list.problems[2]).toMatch(/line 5: section header is not terminated\. Add the closing "\]"/);
    expect(list.problems[3]).toMatch(
      /line 9: \[staging\] is ignored by AWS tools\. Write \[profile staging\]\./,
    );
    expect(JSON.stringify(list)).not.toContain(SECRET);
  });

  it('reports an unreadable file and a file the env points at that does not exist', () => {
    fs.mkdirSync(path.join(home, '.aws', 'credentials'), { recursive: true }); // a folder where a file should be
    const missing = path.join(home, 'nope', 'config');
    const list = listConnections({ env: { HOME: home, AWS_CONFIG_FILE: missing } });
    expect(list.problems).toEqual([
      `${missing}: AWS_CONFIG_FILE points to this file but it does not exist. Fix or unset AWS_CONFIG_FILE.`,
      `${path.join(home, '.aws', 'credentials')}: it is a folder, not a file.`,
    ]);
    expect(list.connections.map((c) => c.id)).toEqual(['demo']);
  });

  it('flags half-configured profiles and a dangling AWS_PROFILE', () => {
    write(
      '.aws/config',
      '[profile r]\nrole_arn = arn:aws:iam::1:role/x\n[profile s]\nsso_session = missing\nsso_account_id = 1\n',
    );
    write('.aws/credentials', `[k]\naws_access_key_id = ${KEY_ID}\n`);
    const list = listConnections({ env: { HOME: home, AWS_PROFILE: 'ghost' } });
    expect(list.problems.join('\n')).toContain('Profile "r" has role_arn but no source_profile');
    expect(list.problems.join('\n')).toContain('Profile "s" uses sso_session "missing"');
    expect(list.problems.join('\n')).toContain(
      'Profile "k" has aws_access_key_id but no aws_secret_access_key',
    );
    expect(list.problems.join('\n')).toContain('AWS_PROFILE is set to "ghost" but no such profile exists');
    expect(JSON.stringify(list)).not.toContain(KEY_ID);
  });

  it('lists environment credentials as aws-env without their values', () => {
    const list = discoverAwsConnections({
      HOME: home,
      AWS_ACCESS_KEY_ID: KEY_ID,
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_REGION: 'eu-north-1',
    });
    expect(list.connections[0]).toMatchObject({ id: 'aws-env', kind: 'env', region: 'eu-north-1' });
    expect(JSON.stringify(list)).not.toMatch(new RegExp(`${KEY_ID}|${SECRET.replace(/\//g, '\\/')}`));
  });
});

describe('awsCredentialsFor (real SDK providers, no network)', () => {
  it('resolves a static profile from the files', async () => {
    write('.aws/credentials', `[static]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`);
    const creds = await awsCredentialsFor('aws-profile:static', process.env)();
    expect(creds.accessKeyId).toBe(KEY_ID);
    expect(creds.secretAccessKey).toBe(SECRET);
  });

  it('maps an expired sso-session token to "aws sso login --profile"', async () => {
    write(
      '.aws/config',
      '[profile audit]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Audit\nregion = us-east-1\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
    );
    write(
      ssoCacheFile('corp'),
      JSON.stringify({ accessToken: 'tok', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1' }),
    );
    const err = await failureOf('aws-profile:audit');
    expect(err.message).toBe(
      'The SSO session for profile audit has expired or was never started. Run: aws sso login --profile audit',
    );
    expect(err.profile).toBe('audit');
  });

  it('maps an expired legacy SSO token and a never-started session the same way', async () => {
    write(
      '.aws/config',
      '[profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n' +
        '[profile never]\nsso_start_url = https://never.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n',
    );
    write(
      ssoCacheFile('https://old.awsapps.com/start'),
      JSON.stringify({ accessToken: 'tok', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1' }),
    );
    expect((await failureOf('aws-profile:old')).message).toContain('Run: aws sso login --profile old');
    expect((await failureOf('aws-profile:never')).message).toBe(
      'The SSO session for profile never has expired or was never started. Run: aws sso login --profile never',
    );
  });

  it('explains a profile that does not exist', async () => {
    write('.aws/config', '[profile real]\nregion = us-east-1\n');
    const err = await failureOf('aws-profile:typo');
    expect(err.message).toMatch(/^Profile typo was not found in your AWS config or credentials file\./);
    expect(err.message).toContain('aws configure list-profiles');
  });

  it('explains a failing credential_process without quoting its command or output', async () => {
    write(
      '.aws/config',
      `[profile proc]\ncredential_process = node -e "console.error('${SECRET}'); process.exit(3)"\n` +
        `[profile badjson]\ncredential_process = node -e "console.log('not json ${SECRET}')"\n`,
    );
    const failed = await failureOf('aws-profile:proc');
    expect(failed.message).toBe(
      'The credential_process for profile proc failed to run. Run the command from your AWS config in a terminal to see its output, fix it, then try again.',
    );
    const bad = await failureOf('aws-profile:badjson');
    expect(bad.message).toContain('did not print valid credential JSON');
    expect(failed.message + bad.message).not.toContain(SECRET);
  });

  it('explains a profile with no credential settings', async () => {
    write('.aws/config', '[profile bare]\nregion = us-east-1\n');
    expect((await failureOf('aws-profile:bare')).message).toMatch(/^Profile bare has no credential settings/);
  });

  it('explains missing environment credentials', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', KEY_ID);
    expect((await failureOf('aws-env')).message).toMatch(
      /^No environment credentials: set both AWS_ACCESS_KEY_ID/,
    );
  });

  it('resolves environment credentials', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', KEY_ID);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', SECRET);
    expect((await awsCredentialsFor('aws-env')()).accessKeyId).toBe(KEY_ID);
  });

  it('refuses the demo and unknown connection ids with a clear error', () => {
    expect(() => awsCredentialsFor('demo')).toThrow(/needs no AWS credentials/);
    expect(() => awsCredentialsFor('azure:whatever')).toThrow(/Unknown connection "azure:whatever"/);
    expect(() => awsCredentialsFor('aws-profile:')).toThrow(AwsCredentialError);
  });
});

describe('explainCredentialError', () => {
  it('maps the chain-exhausted error to a "no credentials" explanation', () => {
    expect(explainCredentialError(new Error('Could not load credentials from any providers'), null)).toMatch(
      /^No AWS credentials were found\./,
    );
  });

  it('maps an STS expired token and redacts key material from unrecognised errors', () => {
    const expired = Object.assign(new Error('The security token included in the request is expired'), {
      name: 'ExpiredToken',
    });
    expect(explainCredentialError(expired, 'p')).toMatch(/temporary credentials for profile p have expired/);
    const odd = explainCredentialError(new Error(`weird failure with ${KEY_ID} and ${SECRET}`), 'p');
    expect(odd).toMatch(/^Could not get AWS credentials for profile p: weird failure with/);
    expect(odd).not.toContain(KEY_ID);
    expect(odd).not.toContain(SECRET);
    expect(redactSecrets('plain words stay')).toBe('plain words stay');
  });
});
