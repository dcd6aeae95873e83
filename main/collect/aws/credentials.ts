// AWS credential discovery and resolution. Discovery lists the places an analyst can snapshot from (shared
// config profiles, environment credentials; main/collect/targets.ts adds the rest) WITHOUT reading or keeping any secret value:
// a connection only says how credentials are obtained. Resolution hands the work to the SDK's own providers
// (SSO, assume-role, credential_process, web identity all behave exactly as the AWS CLI does) and turns their
// terse failures into a sentence the analyst can act on.
//
// Why we scan the ini files ourselves instead of only using @smithy/shared-ini-file-loader's parser: its
// parser is async and silently drops lines it does not understand, so a typo in ~/.aws/config makes a profile
// vanish with no explanation. Our scan is synchronous, keeps line numbers and reports each malformed line.
// The SDK still does the real credential resolution from the same files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PROFILE, ENV_PROFILE } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Connection, ConnectionList } from '../../../shared/domain';
import { awsSdk } from './sdk-loader';

type Env = NodeJS.ProcessEnv;
type ConnectionKind = Connection['kind'];

/** The embedded demo's id: it registers itself (main/demo/demo-target.ts), collect never imports it. */
export const DEMO_CONNECTION_ID = 'demo';
export const ENV_CONNECTION_ID = 'aws-env';
export const CHAIN_CONNECTION_ID = 'aws-chain';
const PROFILE_PREFIX = 'aws-profile:';

export function profileConnectionId(profile: string): string {
  return PROFILE_PREFIX + profile;
}

// ---------------------------------------------------------------------------------------------------------
// Locating and scanning the shared files

export type SharedFilePaths = { configFile: string; credentialsFile: string };

function homeDir(env: Env): string {
  // Same order as the SDK (getHomeDir) so we look where the SDK will look.
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? `C:${path.sep}`}${env.HOMEPATH}`;
  return os.homedir();
}

function expandHome(file: string, env: Env): string {
  return file.startsWith('~/') ? path.join(homeDir(env), file.slice(2)) : file;
}

export function sharedFilePaths(env: Env = process.env): SharedFilePaths {
  return {
    configFile: expandHome(env.AWS_CONFIG_FILE || path.join(homeDir(env), '.aws', 'config'), env),
    credentialsFile: expandHome(
      env.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDir(env), '.aws', 'credentials'),
      env,
    ),
  };
}

type IniSection = { header: string; line: number; keys: Map<string, string> };
type IniScan = { sections: IniSection[]; problems: string[] };

// Inline comments start with # or ; at the line start or after whitespace (the SDK's rule).
function stripComment(line: string): string {
  return line.split(/(?:^|\s)[;#]/)[0].trim();
}

/**
 * Scans one ini file. Problems name the file and line and say what to change; they never quote the line,
 * because a malformed line may be a pasted secret.
 */
function scanIni(file: string, text: string): IniScan {
  const sections: IniSection[] = [];
  const problems: string[] = [];
  let current: IniSection | null = null;
  // A header we could not parse: its keys are skipped silently (the header itself was already reported).
  let insideBrokenSection = false;
  let sawKeyInSection = false;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const where = `${file} line ${lineNo}`;
    const content = stripComment(raw);
    if (content === '') return;
    const indented = /^\s/.test(raw);
    if (content.startsWith('[')) {
      if (!content.endsWith(']')) {
        problems.push(
          `${where}: section header is not terminated. Add the closing "]", e.g. [profile name].`,
        );
        current = null;
        insideBrokenSection = true;
        return;
      }
      const header = content.slice(1, -1).trim().replace(/\s+/g, ' ');
      if (header === '' || header === 'profile') {
        problems.push(`${where}: section header has no name. Write [profile name] or [default].`);
        current = null;
        insideBrokenSection = true;
        return;
      }
      current = { header, line: lineNo, keys: new Map() };
      sections.push(current);
      insideBrokenSection = false;
      sawKeyInSection = false;
      return;
    }
    if (insideBrokenSection) return;
    const eq = content.indexOf('=');
    if (eq > 0) {
      const key = content.slice(0, eq).trim();
      if (!current) {
        problems.push(
          `${where}: setting "${key}" is outside any section. Move it under a [profile name] header.`,
        );
        return;
      }
      // Indented keys belong to a sub-section (e.g. "s3 =" followed by indented settings); only top-level
      // keys describe how credentials are obtained.
      if (!indented) current.keys.set(key.toLowerCase(), content.slice(eq + 1).trim());
      sawKeyInSection = true;
      return;
    }
    // An indented line right after a setting is a continuation value, which the AWS CLI accepts.
    if (indented && current && sawKeyInSection) return;
    problems.push(
      `${where}: not a section header, "key = value" setting or comment. Fix or delete this line (comments start with #).`,
    );
  });
  return { sections, problems };
}

type FileRead = { text: string | null; problem: string | null };

function readSharedFile(file: string, envVar: string, env: Env): FileRead {
  try {
    return { text: fs.readFileSync(file, 'utf8'), problem: null };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // A missing default file is normal (no AWS CLI set up); a missing file the analyst pointed at is not.
      return {
        text: null,
        problem: env[envVar]
          ? `${file}: ${envVar} points to this file but it does not exist. Fix or unset ${envVar}.`
          : null,
      };
    }
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied. Make it readable by your user (e.g. chmod 600).'
        : code === 'EISDIR'
          ? 'it is a folder, not a file.'
          : `it could not be read (${code ?? 'unknown error'}).`;
    return { text: null, problem: `${file}: ${why}` };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Profiles

type ProfileInfo = { name: string; keys: Map<string, string>; files: Set<string> };
type Discovered = {
  profiles: Map<string, ProfileInfo>;
  ssoSessions: Set<string>;
  problems: string[];
  paths: SharedFilePaths;
};

function addProfile(
  profiles: Map<string, ProfileInfo>,
  name: string,
  section: IniSection,
  file: string,
): void {
  const existing = profiles.get(name) ?? { name, keys: new Map<string, string>(), files: new Set<string>() };
  // The credentials file wins over the config file for the same key, as in the SDK (mergeConfigFiles).
  for (const [k, v] of section.keys) existing.keys.set(k, v);
  existing.files.add(file);
  profiles.set(name, existing);
}

const PROFILE_NAME = /^[\w\-@+.%:/]+$/;

function discover(env: Env): Discovered {
  const paths = sharedFilePaths(env);
  const problems: string[] = [];
  const profiles = new Map<string, ProfileInfo>();
  const ssoSessions = new Set<string>();

  const config = readSharedFile(paths.configFile, 'AWS_CONFIG_FILE', env);
  if (config.problem) problems.push(config.problem);
  if (config.text !== null) {
    const scan = scanIni(paths.configFile, config.text);
    problems.push(...scan.problems);
    for (const section of scan.sections) {
      const where = `${paths.configFile} line ${section.line}`;
      const [kind, ...rest] = section.header.split(' ');
      const name = rest.join(' ');
      if (section.header === DEFAULT_PROFILE)
        addProfile(profiles, DEFAULT_PROFILE, section, paths.configFile);
      else if (kind === 'profile' && PROFILE_NAME.test(name) && name !== '__proto__')
        addProfile(profiles, name, section, paths.configFile);
      else if (kind === 'sso-session' && name) ssoSessions.add(name);
      else if (kind === 'profile' || kind === 'sso-session')
        problems.push(
          `${where}: "${name}" is not a valid name. Use letters, digits and - _ . @ + % : / only.`,
        );
      else if (kind !== 'services' && kind !== 'plugins' && kind !== 'preview' && rest.length === 0)
        // The AWS CLI and SDKs ignore [name] in the config file; only [profile name] defines a profile there.
        problems.push(
          `${where}: [${section.header}] is ignored by AWS tools. Write [profile ${section.header}].`,
        );
    }
  }

  const creds = readSharedFile(paths.credentialsFile, 'AWS_SHARED_CREDENTIALS_FILE', env);
  if (creds.problem) problems.push(creds.problem);
  if (creds.text !== null) {
    const scan = scanIni(paths.credentialsFile, creds.text);
    problems.push(...scan.problems);
    for (const section of scan.sections) {
      const where = `${paths.credentialsFile} line ${section.line}`;
      if (section.header.startsWith('profile ')) {
        // In the credentials file the header IS the name; "profile x" is almost always a copy-paste slip.
        problems.push(
          `${where}: the credentials file uses [name], not [${section.header}]. Write [${section.header.slice(8)}].`,
        );
      } else if (PROFILE_NAME.test(section.header) && section.header !== '__proto__') {
        addProfile(profiles, section.header, section, paths.credentialsFile);
      } else {
        problems.push(
          `${where}: "${section.header}" is not a valid profile name. Use letters, digits and - _ . @ only.`,
        );
      }
    }
  }

  for (const profile of profiles.values()) {
    const session = profile.keys.get('sso_session');
    if (session && !ssoSessions.has(session))
      problems.push(
        `Profile "${profile.name}" uses sso_session "${session}" but ${paths.configFile} has no [sso-session ${session}] section. Run: aws configure sso --profile ${profile.name}`,
      );
    if (
      profile.keys.has('role_arn') &&
      !profile.keys.has('source_profile') &&
      !profile.keys.has('credential_source') &&
      !profile.keys.has('web_identity_token_file')
    )
      problems.push(
        `Profile "${profile.name}" has role_arn but no source_profile or credential_source, so the role cannot be assumed. Add source_profile = <profile with credentials>.`,
      );
    if (profile.keys.has('aws_access_key_id') && !profile.keys.has('aws_secret_access_key'))
      problems.push(
        `Profile "${profile.name}" has aws_access_key_id but no aws_secret_access_key. Add the secret key (aws configure --profile ${profile.name}).`,
      );
  }
  return { profiles, ssoSessions, problems, paths };
}

/** Same precedence as the SDK's resolveProfileData, so the label matches what will actually happen. */
function profileKind(keys: Map<string, string>): ConnectionKind {
  const has = (k: string): boolean => keys.has(k);
  if (has('role_arn') && (has('source_profile') || has('credential_source'))) return 'assume-role';
  if (has('aws_access_key_id')) return 'static';
  if (has('web_identity_token_file')) return 'web-identity';
  if (has('credential_process')) return 'credential-process';
  if (has('sso_session') || has('sso_start_url') || has('sso_account_id') || has('sso_role_name'))
    return 'sso';
  if (has('role_arn')) return 'assume-role';
  return 'unknown';
}

function displayPath(file: string, env: Env): string {
  const home = homeDir(env);
  return file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file;
}

/** A URL as it may be shown: a user:password@ in it (which would be a secret) is left out. */
function withoutUserInfo(url: string): string {
  return url.replace(/^([a-z][\w+.-]*:\/\/)[^/@\s]*@/i, '$1');
}

/** Every AWS connection the analyst can choose, plus actionable problems. Never reads out a secret value. */
export function discoverAwsConnections(env: Env = process.env): ConnectionList {
  const found = discover(env);
  const problems = [...found.problems];
  const connections: Connection[] = [];
  const envRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION || null;

  if (env.AWS_ACCESS_KEY_ID) {
    connections.push({
      id: ENV_CONNECTION_ID,
      provider: 'aws',
      name: env.AWS_SESSION_TOKEN ? 'Environment credentials (temporary session)' : 'Environment credentials',
      kind: 'env',
      region: envRegion,
      source: 'environment variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
    });
    if (!env.AWS_SECRET_ACCESS_KEY)
      problems.push(
        'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not. Set both, or unset AWS_ACCESS_KEY_ID.',
      );
  }
  if (
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
    (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN)
  ) {
    connections.push({
      id: CHAIN_CONNECTION_ID,
      provider: 'aws',
      name: env.AWS_WEB_IDENTITY_TOKEN_FILE
        ? 'Default credential chain (web identity role from environment)'
        : 'Default credential chain (container role)',
      kind: env.AWS_WEB_IDENTITY_TOKEN_FILE ? 'web-identity' : 'unknown',
      region: envRegion,
      source: 'AWS SDK default credential chain',
    });
  }

  const selected = env[ENV_PROFILE];
  if (selected && !found.profiles.has(selected))
    problems.push(
      `${ENV_PROFILE} is set to "${selected}" but no such profile exists in ${found.paths.configFile} or ${found.paths.credentialsFile}. Fix or unset ${ENV_PROFILE}.`,
    );
  // default first, then the one AWS_PROFILE selects, then alphabetical: the likely choice is at the top.
  const rank = (n: string): number => (n === DEFAULT_PROFILE ? 0 : n === selected ? 1 : 2);
  const names = [...found.profiles.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const name of names) {
    const profile = found.profiles.get(name)!;
    connections.push({
      id: profileConnectionId(name),
      provider: 'aws',
      name: name === selected ? `${name} (${ENV_PROFILE})` : name,
      kind: profileKind(profile.keys),
      region: profile.keys.get('region') || null,
      // A profile with its own endpoint_url sends the snapshot there: say so before the analyst picks it.
      source:
        [...profile.files].map((f) => displayPath(f, env)).join(' + ') +
        (profile.keys.get('endpoint_url')
          ? ` (endpoint_url ${withoutUserInfo(profile.keys.get('endpoint_url') as string)})`
          : ''),
    });
  }

  return { connections, problems };
}

// ---------------------------------------------------------------------------------------------------------
// Resolution

/** A credential failure explained for the analyst; `message` is safe to show, log and export. */
export class AwsCredentialError extends Error {
  override readonly name = 'AwsCredentialError';
  constructor(
    message: string,
    readonly profile: string | null,
  ) {
    super(message);
  }
}

/**
 * A provider for the chosen connection. Nothing is read until the provider is called; every failure is
 * rethrown as an AwsCredentialError carrying explainCredentialError's text (never the SDK's raw error,
 * which can echo a credential_process command line).
 */
export function awsCredentialsFor(
  connectionId: string,
  env: Env = process.env,
): AwsCredentialIdentityProvider {
  if (connectionId === DEMO_CONNECTION_ID)
    throw new AwsCredentialError(
      'The demo connection uses the embedded demo estate and needs no AWS credentials.',
      null,
    );

  let profile: string | null = null;
  let resolve: () => Promise<AwsCredentialIdentity>;
  if (connectionId === ENV_CONNECTION_ID) {
    // fromEnv reads process.env at call time, which is what the app runs with.
    resolve = async () => (await awsSdk.credentialProviders()).fromEnv()();
  } else if (connectionId === CHAIN_CONNECTION_ID) {
    resolve = async () => (await awsSdk.credentialProviders()).fromNodeProviderChain({ ignoreCache: true })();
  } else if (connectionId.startsWith(PROFILE_PREFIX) && connectionId.length > PROFILE_PREFIX.length) {
    const name = connectionId.slice(PROFILE_PREFIX.length);
    profile = name;
    resolve = async () => {
      const found = discover(env);
      const info = found.profiles.get(name);
      if (!info) throw new ProfileNotFound(name);
      const init = {
        profile: name,
        filepath: found.paths.credentialsFile,
        configFilepath: found.paths.configFile,
        // The analyst may have just run `aws sso login` or edited the files: always read them afresh.
        ignoreCache: true,
      };
      const { fromIni, fromSSO } = await awsSdk.credentialProviders();
      // fromIni hands SSO profiles to fromSSO without our file paths, so call fromSSO directly with them.
      return profileKind(info.keys) === 'sso' ? fromSSO(init)() : fromIni(init)();
    };
  } else {
    throw new AwsCredentialError(
      `Unknown connection "${connectionId}". Choose a connection from the list (refresh it if you just changed ~/.aws).`,
      null,
    );
  }
  return async () => {
    try {
      return await resolve();
    } catch (err) {
      throw new AwsCredentialError(explainCredentialError(err, profile), profile);
    }
  };
}

class ProfileNotFound extends Error {
  constructor(readonly profile: string) {
    super(`Profile ${profile} could not be found in shared credentials file.`);
  }
}

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g;
const LONG_SECRETISH = /[A-Za-z0-9/+=]{30,}/g;

/** Removes anything that looks like a key or token from text we did not write ourselves. */
export function redactSecrets(text: string): string {
  return text.replace(ACCESS_KEY_ID, '[redacted key id]').replace(LONG_SECRETISH, '[redacted]');
}

/** One actionable sentence for a credential failure. Safe to display, log and export. */
export function explainCredentialError(err: unknown, profile: string | null): string {
  if (err instanceof AwsCredentialError) return err.message;
  const raw = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.name : '';
  const who = profile ? `profile ${profile}` : 'these credentials';
  const login = profile ? `aws sso login --profile ${profile}` : 'aws sso login';

  const missingSession = /Sso session '([^']+)' could not be found/i.exec(raw);
  if (missingSession)
    return `${profile ? `Profile ${profile}` : 'This profile'} uses sso-session "${missingSession[1]}", which is not defined in your AWS config. Run: aws configure sso${profile ? ` --profile ${profile}` : ''}`;
  if (
    err instanceof ProfileNotFound ||
    /could not be found in shared credentials file|was not found\./i.test(raw)
  )
    return `Profile ${profile ?? ''} was not found in your AWS config or credentials file. Check the name (aws configure list-profiles) or set it up with: aws configure --profile ${profile ?? '<name>'}`.replace(
      /\s+/g,
      ' ',
    );
  if (/SSO|sso_session|sso session/i.test(raw) && /expired|not found|invalid|refresh|not present/i.test(raw))
    return `The SSO session for ${who} has expired or was never started. Run: ${login}`;
  if (/Token is expired/i.test(raw))
    return `The SSO session for ${who} has expired or was never started. Run: ${login}`;
  if (/credential_process/i.test(raw) || /^Command failed/i.test(raw)) {
    // Deliberately not quoting the process output or command: either can contain credentials.
    const why = /returned expired credentials/i.test(raw)
      ? 'returned credentials that have already expired'
      : /invalid JSON|invalid credentials|Version 1/i.test(raw)
        ? 'did not print valid credential JSON (Version 1 with AccessKeyId and SecretAccessKey)'
        : 'failed to run';
    return `The credential_process for ${who} ${why}. Run the command from your AWS config in a terminal to see its output, fix it, then try again.`;
  }
  if (/Could not resolve credentials using profile/i.test(raw))
    return `Profile ${profile ?? ''} has no credential settings (no keys, role, SSO or credential_process). Configure it with: aws configure --profile ${profile ?? '<name>'} or aws configure sso --profile ${profile ?? '<name>'}`.replace(
      /\s+/g,
      ' ',
    );
  if (/Unable to find environment variable credentials/i.test(raw))
    return 'No environment credentials: set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), or choose a profile.';
  if (/Could not load credentials from any providers/i.test(raw))
    return 'No AWS credentials were found. Configure a profile (aws configure or aws configure sso) and choose it, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.';
  if (/ExpiredToken|security token included in the request is expired/i.test(raw + name))
    return `The temporary credentials for ${who} have expired. Refresh them (for SSO: ${login}) and try again.`;
  if (/InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClient/i.test(raw + name))
    return `AWS rejected the access key for ${who} (it is invalid, deleted or mistyped). Check it with: aws sts get-caller-identity${profile ? ` --profile ${profile}` : ''}`;
  if (/AccessDenied/i.test(raw + name) && /AssumeRole/i.test(raw))
    return `The role in ${who} could not be assumed (AccessDenied). Check role_arn and the role's trust policy.`;
  if (/mfa/i.test(raw))
    return `${profile ? `Profile ${profile}` : 'This profile'} requires an MFA code, which Evidence Desk cannot prompt for. Use an SSO profile or temporary credentials instead.`;
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|socket|network/i.test(raw))
    return `AWS could not be reached while getting credentials for ${who}. Check the network or proxy and try again.`;
  return `Could not get AWS credentials for ${who}: ${redactSecrets(raw)}`;
}
