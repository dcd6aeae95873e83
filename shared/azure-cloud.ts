// The Azure cloud an Azure connection talks to, when the analyst sets it (workspace setting azureClouds): a
// sovereign cloud by its Azure CLI name, or a custom Resource Manager endpoint (Azure Stack Hub, a private ARM
// proxy) with its Graph endpoint and Entra ID authority. The Azure CLI connection is not set here: its cloud is
// `az cloud show`'s (change it with az cloud set), so the CLI's tokens and our URLs can never disagree.
// Validated in shared/ so the connections form, the CLI and the store refuse the same things with the same words.
import { z } from 'zod';

export const AZURE_CLOUD_NAMES = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const;
export type AzureCloudName = (typeof AZURE_CLOUD_NAMES)[number];

/** The connections whose cloud is a setting (the environment service principal, azd). */
export const AZURE_CLOUD_SETTABLE = ['azure-env', 'azure-azd'] as const;

/**
 * Why `raw` cannot be an endpoint of a custom Azure cloud, or null when it can. https only (bearer tokens never
 * travel in clear text; the machine's CA store verifies it, NODE_EXTRA_CA_CERTS adds a private CA), no user or
 * password (it would be stored in the workspace and the audit log), no query or fragment.
 */
export function azureEndpointProblem(raw: string, what: string): string | null {
  const text = raw.trim();
  if (text === '') return `Enter the ${what}.`;
  if (text.length > 2048) return `The ${what} is longer than 2048 characters.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `The ${what} "${text.slice(0, 100)}" is not a URL; write it in full, e.g. https://management.local.azurestack.external.`;
  }
  if (url.protocol !== 'https:')
    return `The ${what} must start with https:// (tokens are never sent in clear text), not ${url.protocol}//.`;
  if (url.username || url.password)
    return `The ${what} must not contain a user name or password: it is stored in the workspace and the audit log.`;
  if (url.search || url.hash) return `The ${what} must not contain a ? query or # fragment.`;
  return null;
}

const endpoint = (what: string) =>
  z
    .string()
    .max(2048)
    .superRefine((v, ctx) => {
      const problem = azureEndpointProblem(v, what);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    // Stored without a trailing slash: the REST client appends its own paths.
    .transform((v) => {
      const u = new URL(v.trim());
      return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
    });

/**
 * A cloud the analyst chose: a known one by name, or a custom Resource Manager endpoint. One flat object checked
 * by superRefine rather than a discriminated union, so every field is bounded on its own path (a union would
 * refuse an oversized custom field for its missing discriminator instead, and hide the bound).
 */
export const AzureCloudChoice = z
  .object({
    cloud: z.enum([...AZURE_CLOUD_NAMES, 'custom']),
    name: z.string().trim().min(1, 'Give the cloud a name.').max(80).optional(),
    resourceManager: endpoint('Resource Manager endpoint').optional(),
    /** Microsoft Graph; absent = none (Azure Stack Hub has no Graph: the Entra ID checks answer error). */
    graph: endpoint('Microsoft Graph endpoint').optional(),
    authorityHost: endpoint('authority host').optional(),
    /** The token audience when it is not the Resource Manager endpoint (az cloud show: activeDirectoryResourceId). */
    audience: endpoint('token audience').optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const custom = ['name', 'resourceManager', 'graph', 'authorityHost', 'audience'] as const;
    if (c.cloud === 'custom') {
      for (const k of ['name', 'resourceManager', 'authorityHost'] as const)
        if (c[k] === undefined)
          ctx.addIssue({ code: 'custom', path: [k], message: `a custom cloud needs ${k}` });
    } else {
      for (const k of custom)
        if (c[k] !== undefined)
          ctx.addIssue({ code: 'custom', path: [k], message: `${k} is only for a custom cloud` });
    }
  });
export type AzureCloudChoice = z.infer<typeof AzureCloudChoice>;
export type AzureCloudChoiceInput = z.input<typeof AzureCloudChoice>;

/** Setting azureClouds: connection id -> the cloud chosen for it. */
export const AzureClouds = z.partialRecord(z.enum(AZURE_CLOUD_SETTABLE), AzureCloudChoice);
export type AzureClouds = z.infer<typeof AzureClouds>;

/** connections.setAzureCloud: the cloud for one connection; null = back to what the environment says. */
export const SetAzureCloudInput = z
  .object({
    connectionId: z.enum(AZURE_CLOUD_SETTABLE, {
      error:
        "only the environment service principal (azure-env) and azd (azure-azd) take a cloud; the Azure CLI's is az cloud show's (change it with az cloud set)",
    }),
    cloud: AzureCloudChoice.nullable(),
  })
  .strict();
export type SetAzureCloudInput = z.input<typeof SetAzureCloudInput>;
