// Endpoints the analyst configured for a profile, resolved the way the AWS CLI and SDKs document it
// ("service-specific endpoints": AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's `services`
// section, the profile's `endpoint_url`; `ignore_configured_endpoint_urls` / AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
// turn them all off) plus the profile's `s3 = addressing_style`.
//
// Why we resolve them ourselves instead of leaving it to the SDK: the SDK (v3.11xx, @smithy/core endpoints
// getEndpointFromConfig) looks configured endpoints up in the profile named by AWS_PROFILE, NOT in the
// client's `profile` option, so a snapshot of profile "localstack" would go to the default profile's endpoint
// (or to real AWS). Every client is therefore built with ignoreConfiguredEndpointUrls and, when this module
// finds an endpoint for the chosen profile, with that endpoint set explicitly. The SDK does not read
// addressing_style at all.
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { sharedFilePaths } from './credentials';

type Env = NodeJS.ProcessEnv;

export type ConfiguredEndpoints = {
  /** The profile whose settings these are (the connection's, else AWS_PROFILE, else default). */
  profile: string;
  /** ignore_configured_endpoint_urls / AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true. */
  ignored: boolean;
  env: Record<string, string>;
  profileEndpoint?: string;
  /** `<service_id>` -> endpoint_url from the profile's [services ...] section. */
  servicesEndpoints: Record<string, string>;
  /** The profile's `s3 = addressing_style` (auto when unset). */
  s3AddressingStyle: 'path' | 'virtual' | 'auto';
};

export const NO_CONFIGURED_ENDPOINTS: ConfiguredEndpoints = {
  profile: 'default',
  ignored: true,
  env: {},
  servicesEndpoints: {},
  s3AddressingStyle: 'auto',
};

export class ConfiguredEndpointError extends Error {
  override readonly name = 'ConfiguredEndpointError';
}

const truthy = (v: string | undefined) => v !== undefined && /^true$/i.test(v.trim());

/** The SDK's key for a service: serviceId "Elastic Load Balancing v2" -> "elastic_load_balancing_v2". */
export function serviceKey(serviceId: string): string {
  return serviceId
    .split(' ')
    .map((w) => w.toLowerCase())
    .join('_');
}

function checkedUrl(url: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ConfiguredEndpointError(`${where} is not a URL. Write it in full, e.g. http://localhost:4566.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ConfiguredEndpointError(`${where} must start with http:// or https://.`);
  if (parsed.username || parsed.password)
    throw new ConfiguredEndpointError(
      `${where} contains a user name or password; give credentials through the profile instead.`,
    );
  return url.trim().replace(/\/+$/, '');
}

/**
 * Reads the settings that decide where each client sends its requests. Fails fast, naming the file and
 * profile, when they are unusable (a services section that does not exist, an endpoint that is not a URL):
 * a snapshot must not silently go to real AWS when the analyst meant an emulator, or the other way round.
 */
export async function loadConfiguredEndpoints(
  profileName: string | undefined,
  env: Env = process.env,
): Promise<ConfiguredEndpoints> {
  const profile = profileName ?? (env.AWS_PROFILE || 'default');
  const paths = sharedFilePaths(env);
  const files = await loadSharedConfigFiles({
    filepath: paths.credentialsFile,
    configFilepath: paths.configFile,
    // The analyst may just have edited the file: never reuse what an earlier snapshot read.
    ignoreCache: true,
  });
  // The same merge as the SDK: settings from the credentials file win.
  const settings: Record<string, string | undefined> = {
    ...files.configFile[profile],
    ...files.credentialsFile[profile],
  };
  const envEndpoints: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v && (k === 'AWS_ENDPOINT_URL' || k.startsWith('AWS_ENDPOINT_URL_')))
      envEndpoints[k] = checkedUrl(v, `The environment variable ${k}`);
  }
  const where = `endpoint_url of profile "${profile}" in ${paths.configFile}`;
  const servicesEndpoints: Record<string, string> = {};
  const servicesName = settings.services;
  if (servicesName) {
    const section = files.configFile[`services.${servicesName}`];
    if (!section)
      throw new ConfiguredEndpointError(
        `Profile "${profile}" says services = ${servicesName}, but ${paths.configFile} has no [services ${servicesName}] section. Add it or remove the services line.`,
      );
    for (const [key, value] of Object.entries(section)) {
      const m = /^(.+)\.endpoint_url$/.exec(key);
      if (m && value)
        servicesEndpoints[m[1]] = checkedUrl(
          value,
          `${m[1]} endpoint_url of [services ${servicesName}] in ${paths.configFile}`,
        );
    }
  }
  const style = settings['s3.addressing_style']?.trim().toLowerCase();
  return {
    profile,
    ignored:
      truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) || truthy(settings.ignore_configured_endpoint_urls),
    env: envEndpoints,
    profileEndpoint: settings.endpoint_url ? checkedUrl(settings.endpoint_url, where) : undefined,
    servicesEndpoints,
    s3AddressingStyle: style === 'path' || style === 'virtual' ? style : 'auto',
  };
}

/**
 * The configured endpoint for one service (by its SDK serviceId, e.g. "S3", "CloudTrail"), in the documented
 * order: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the services section, the profile's endpoint_url.
 */
export function configuredEndpointFor(cfg: ConfiguredEndpoints, serviceId: string): string | undefined {
  if (cfg.ignored) return undefined;
  const key = serviceKey(serviceId);
  return (
    cfg.env[`AWS_ENDPOINT_URL_${key.toUpperCase()}`] ??
    cfg.env.AWS_ENDPOINT_URL ??
    cfg.servicesEndpoints[key] ??
    cfg.profileEndpoint
  );
}

/**
 * What applies to a target: nothing to read for a target with an explicit endpoint and no profile (the demo,
 * the replay harness); for a profile, its settings (with an explicit endpoint only addressing_style matters,
 * as the explicit endpoint wins over configured ones); otherwise the SDK's own choice of profile.
 */
export async function configuredEndpointsForTarget(
  target: { profile?: string; endpoint?: string },
  env: Env = process.env,
): Promise<ConfiguredEndpoints> {
  if (target.endpoint !== undefined && target.profile === undefined) return NO_CONFIGURED_ENDPOINTS;
  const cfg = await loadConfiguredEndpoints(target.profile, env);
  return target.endpoint !== undefined ? { ...cfg, ignored: true } : cfg;
}
