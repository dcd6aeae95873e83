// The Azure clouds a snapshot can talk to. Each sovereign cloud has its own Resource Manager endpoint, token
// audience, Microsoft Graph endpoint and Entra ID authority: a token for one is refused by the others, so the
// cloud is chosen once per connection and every URL and scope is derived from it. A custom cloud (Azure Stack
// Hub, a private ARM proxy) is any https Resource Manager endpoint. TLS is verified with the machine's CA store
// (Node honours NODE_EXTRA_CA_CERTS for private CAs); nothing here ever turns certificate checks off.

export type AzureCloud = {
  /** The Azure CLI's name for it (`az cloud show` -> name), e.g. AzureCloud, or the custom cloud's name. */
  name: string;
  /** Resource Manager base URL without a trailing slash, e.g. https://management.azure.com */
  resourceManager: string;
  /** Token scope for Resource Manager calls, e.g. https://management.azure.com/.default */
  resourceManagerScope: string;
  /** Microsoft Graph base URL without a trailing slash; null where the cloud has no Graph (Azure Stack Hub). */
  graph: string | null;
  /** Token scope for Graph calls; null with graph. */
  graphScope: string | null;
  /** Entra ID (Azure AD) authority host, e.g. https://login.microsoftonline.com */
  authorityHost: string;
};

export const AzurePublicCloud: AzureCloud = {
  name: 'AzureCloud',
  resourceManager: 'https://management.azure.com',
  resourceManagerScope: 'https://management.azure.com/.default',
  graph: 'https://graph.microsoft.com',
  graphScope: 'https://graph.microsoft.com/.default',
  authorityHost: 'https://login.microsoftonline.com',
};

export const AzureUSGovernment: AzureCloud = {
  name: 'AzureUSGovernment',
  resourceManager: 'https://management.usgovcloudapi.net',
  resourceManagerScope: 'https://management.usgovcloudapi.net/.default',
  graph: 'https://graph.microsoft.us',
  graphScope: 'https://graph.microsoft.us/.default',
  authorityHost: 'https://login.microsoftonline.us',
};

export const AzureChinaCloud: AzureCloud = {
  name: 'AzureChinaCloud',
  resourceManager: 'https://management.chinacloudapi.cn',
  resourceManagerScope: 'https://management.chinacloudapi.cn/.default',
  graph: 'https://microsoftgraph.chinacloudapi.cn',
  graphScope: 'https://microsoftgraph.chinacloudapi.cn/.default',
  authorityHost: 'https://login.chinacloudapi.cn',
};

export const KNOWN_CLOUDS: readonly AzureCloud[] = [AzurePublicCloud, AzureUSGovernment, AzureChinaCloud];

export class AzureCloudError extends Error {
  override readonly name = 'AzureCloudError';
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** An https URL's origin-and-path without the trailing slash; refuses anything that is not https. */
function httpsBase(url: string, what: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AzureCloudError(`${what} "${url}" is not a URL.`);
  }
  // Bearer tokens must never travel in clear text: the pipeline refuses http too, but say why up front.
  if (parsed.protocol !== 'https:')
    throw new AzureCloudError(`${what} must be an https:// URL (got ${parsed.protocol.replace(':', '')}).`);
  if (parsed.username || parsed.password)
    throw new AzureCloudError(`${what} must not contain a user name or password.`);
  if (parsed.search || parsed.hash)
    throw new AzureCloudError(`${what} must not contain a query or fragment.`);
  return trimSlash(`${parsed.origin}${parsed.pathname}`);
}

/**
 * A custom cloud from its Resource Manager endpoint (e.g. Azure Stack Hub's https://management.local.azurestack.external).
 * The token audience defaults to the endpoint itself, which is what Azure Stack Hub and most private clouds use;
 * pass `audience` when the cloud's metadata names another (az cloud show: endpoints.activeDirectoryResourceId).
 */
export function customCloud(opts: {
  name?: string;
  resourceManager: string;
  audience?: string;
  authorityHost?: string;
  graph?: string | null;
}): AzureCloud {
  const resourceManager = httpsBase(opts.resourceManager, 'The Resource Manager endpoint');
  const audience = opts.audience ? trimSlash(opts.audience) : resourceManager;
  const graph = opts.graph ? httpsBase(opts.graph, 'The Microsoft Graph endpoint') : null;
  return {
    name: opts.name?.trim() || 'Custom',
    resourceManager,
    resourceManagerScope: `${audience}/.default`,
    graph,
    graphScope: graph ? `${graph}/.default` : null,
    authorityHost: opts.authorityHost
      ? httpsBase(opts.authorityHost, 'The authority host')
      : AzurePublicCloud.authorityHost,
  };
}

/** The known cloud with this Azure CLI name (case-insensitive), or undefined. */
export function cloudNamed(name: string): AzureCloud | undefined {
  return KNOWN_CLOUDS.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

/**
 * `az cloud show --output json` as an AzureCloud. A known cloud name gives the built-in definition (the CLI's
 * endpoints for those are the same, and the built-in one also knows the Graph scope); any other cloud is read
 * from its endpoints (resourceManager, activeDirectoryResourceId, activeDirectory, microsoftGraphResourceId).
 */
export function parseAzCloudShow(json: string): AzureCloud {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new AzureCloudError('`az cloud show` did not print JSON.');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new AzureCloudError('`az cloud show` printed JSON that is not a cloud description.');
  const { name, endpoints } = doc as { name?: unknown; endpoints?: Record<string, unknown> };
  if (typeof name !== 'string' || !name) throw new AzureCloudError('`az cloud show` printed no cloud name.');
  const known = cloudNamed(name);
  if (known) return known;
  const str = (k: string) => (typeof endpoints?.[k] === 'string' ? (endpoints[k] as string) : undefined);
  const resourceManager = str('resourceManager');
  if (!resourceManager)
    throw new AzureCloudError(
      `Azure CLI cloud "${name}" has no endpoints.resourceManager; register it with az cloud register.`,
    );
  return customCloud({
    name,
    resourceManager,
    audience: str('activeDirectoryResourceId'),
    authorityHost: str('activeDirectory'),
    graph: str('microsoftGraphResourceId') ?? null,
  });
}
