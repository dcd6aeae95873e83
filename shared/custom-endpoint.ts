// A custom endpoint connection: one URL that every AWS call of a snapshot goes to (LocalStack or another
// emulator, a FIPS endpoint, a VPC interface endpoint), the region to sign for, and where the credentials come
// from. Validated here, in shared/, so the connections form, the CLI and the store all refuse the same things
// with the same words.
import { z } from 'zod';

/** Profile names as the AWS CLI accepts them (and main/collect/aws/credentials.ts discovers them). */
export const AWS_PROFILE_NAME = /^[\w\-@+.%:/]+$/;
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d$/;
export const CUSTOM_ENDPOINT_PREFIX = 'endpoint:';

/**
 * Why `raw` cannot be an endpoint URL, or null when it can. An endpoint is a scheme, a host and an optional
 * port: no user:password (it would be stored in the workspace and exported in the audit log), no path, query
 * or fragment (the SDK appends its own paths, so anything there would silently change every request).
 */
export function endpointUrlProblem(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return 'Enter the endpoint URL, e.g. http://localhost:4566.';
  if (text.length > 2048) return 'The endpoint URL is longer than 2048 characters.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text.slice(0, 100)}" is not a URL. Write it in full, e.g. http://localhost:4566 or https://s3-fips.us-east-1.amazonaws.com.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `The endpoint URL must start with http:// or https://, not ${url.protocol}//.`;
  if (url.username || url.password)
    return 'The endpoint URL must not contain a user name or password: it is stored in the workspace and the audit log. Give credentials through a profile or environment variables.';
  if (!url.hostname) return 'The endpoint URL has no host name.';
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash)
    return 'The endpoint URL must be only a scheme, host and port (no path, ? or #), e.g. http://localhost:4566.';
  return null;
}

/** The URL as stored: scheme://host[:port], no trailing slash. Call only after endpointUrlProblem said null. */
export function normaliseEndpointUrl(raw: string): string {
  return new URL(raw.trim()).origin;
}

const EndpointUrl = z
  .string()
  .max(2048, 'The endpoint URL is longer than 2048 characters.')
  .superRefine((v, ctx) => {
    const problem = endpointUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normaliseEndpointUrl);

/**
 * Where the credentials come from: an AWS profile (by name), or the app's environment variables
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN). One object rather than a union so every field
 * has its own bound in the contract.
 */
export const EndpointCredentials = z
  .object({
    source: z.enum(['profile', 'env']),
    profile: z
      .string()
      .min(1)
      .max(128)
      .regex(AWS_PROFILE_NAME, 'is not a profile name (letters, digits and - _ . @ + % : / only)')
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.source === 'profile' && c.profile === undefined)
      ctx.addIssue({ code: 'custom', path: ['profile'], message: 'name the profile to use' });
    if (c.source === 'env' && c.profile !== undefined)
      ctx.addIssue({ code: 'custom', path: ['profile'], message: 'is only given with source "profile"' });
  });
export type EndpointCredentials = z.infer<typeof EndpointCredentials>;

/** What the analyst fills in; the id is derived from the name. */
export const CustomEndpointInput = z
  .object({
    name: z.string().trim().min(1, 'Give the endpoint a name.').max(80),
    url: EndpointUrl,
    region: z.string().max(30).regex(REGION_NAME, 'is not an AWS region name (expected e.g. us-east-1)'),
    credentials: EndpointCredentials,
  })
  .strict();
export type CustomEndpointInput = z.input<typeof CustomEndpointInput>;

export const CustomEndpoint = CustomEndpointInput.extend({
  /** Lower-case slug of the name; the connection id is `endpoint:<id>`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'is not an endpoint id (a-z, 0-9 and -)'),
}).strict();
export type CustomEndpoint = z.infer<typeof CustomEndpoint>;

export const CustomEndpoints = z
  .array(CustomEndpoint)
  .max(100)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const e of list) {
      if (seen.has(e.id))
        ctx.addIssue({ code: 'custom', message: `has two endpoints with the id "${e.id}"` });
      seen.add(e.id);
    }
  });

/** The id a name gets: "LocalStack (dev)" -> "localstack-dev". Empty when the name has no letter or digit. */
export function endpointIdFor(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

export function customEndpointConnectionId(id: string): string {
  return CUSTOM_ENDPOINT_PREFIX + id;
}
