// Lambda responses (restJson1). Operations are told apart by method and path; a function without a resource
// policy answers GetPolicy with 404 ResourceNotFoundException, as Lambda does.
import type { Estate } from '../../estate/types';
import type { EstateFunction } from '../../estate/sections/app';
import { restJsonError, restJsonOk } from '../wire';
import { pageOf, UnknownOperation, type ReplayService, type Responder } from './types';

/** Functions per ListFunctions page (AWS: 50); small so the demo exercises pagination. */
const PAGE = 3;

const arnOf = (estate: Estate, f: EstateFunction) =>
  `arn:aws:lambda:${f.region}:${estate.accountId}:function:${f.name}`;

/** Lambda's own timestamp format: 2024-05-01T10:00:00.000+0000. */
const lambdaTime = (now: Date, daysAgo: number) =>
  new Date(now.getTime() - daysAgo * 86_400_000).toISOString().replace('Z', '+0000');

function configuration(estate: Estate, f: EstateFunction, now: Date) {
  const common = {
    FunctionName: f.name,
    FunctionArn: arnOf(estate, f),
    Role: `arn:aws:iam::${estate.accountId}:role/service-role/${f.name}-role`,
    CodeSize: 4_823_112,
    Description: '',
    Timeout: 30,
    MemorySize: 512,
    LastModified: lambdaTime(now, f.lastModifiedDaysAgo),
    CodeSha256: Buffer.from(`code:${f.name}`).toString('base64'),
    Version: '$LATEST',
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: `0a1b2c3d-${f.name.length.toString(16).padStart(4, '0')}-4e5f-8a9b-0c1d2e3f4a5b`,
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${f.name}` },
  };
  return f.runtime
    ? { ...common, Runtime: f.runtime, Handler: 'index.handler', PackageType: 'Zip' }
    : { ...common, PackageType: 'Image' };
}

const notFound = (what: string) =>
  restJsonError(404, 'ResourceNotFoundException', `The resource you requested does not exist. (${what})`);

export const lambdaResponder: Responder = (estate, req) => {
  const functions = (estate.appServices?.functions ?? []).filter((f) => f.region === req.region);
  const named = () => {
    const name = String(req.params.FunctionName ?? '');
    return functions.find((f) => f.name === name || arnOf(estate, f) === name);
  };
  switch (req.operation) {
    case 'ListFunctions': {
      const max = Number(req.params.MaxItems);
      const size = Number.isFinite(max) && max > 0 ? Math.min(max, PAGE) : PAGE;
      const { page, next } = pageOf(functions, req.params.Marker, size);
      return restJsonOk({
        Functions: page.map((f) => configuration(estate, f, req.now)),
        ...(next ? { NextMarker: next } : {}),
      });
    }
    case 'GetPolicy': {
      const f = named();
      if (!f) return notFound(`Function not found: ${String(req.params.FunctionName)}`);
      if (!f.policy) return notFound('No policy is associated with the given resource.');
      return restJsonOk({
        Policy: JSON.stringify({ Version: f.policy.Version, Id: 'default', Statement: f.policy.Statement }),
        RevisionId: configuration(estate, f, req.now).RevisionId,
      });
    }
    case 'ListFunctionUrlConfigs': {
      const f = named();
      if (!f) return notFound(`Function not found: ${String(req.params.FunctionName)}`);
      const urls = f.url
        ? [
            {
              FunctionUrl: `https://${Buffer.from(f.name).toString('hex').slice(0, 32)}.lambda-url.${f.region}.on.aws/`,
              FunctionArn: arnOf(estate, f),
              AuthType: f.url.authType,
              CreationTime: new Date(req.now.getTime() - f.lastModifiedDaysAgo * 86_400_000).toISOString(),
              LastModifiedTime: new Date(
                req.now.getTime() - f.lastModifiedDaysAgo * 86_400_000,
              ).toISOString(),
              InvokeMode: 'BUFFERED',
            },
          ]
        : [];
      return restJsonOk({ FunctionUrlConfigs: urls });
    }
    default:
      throw new UnknownOperation();
  }
};

/** Method + path -> operation, with the function name from the path (so denials can name a function). */
export function lambdaRoute(
  method: string,
  path: string,
): { operation: string; params?: Record<string, unknown> } | undefined {
  if (method !== 'GET') return undefined;
  if (/^\/2015-03-31\/functions\/?$/.test(path)) return { operation: 'ListFunctions' };
  const policy = /^\/2015-03-31\/functions\/([^/]+)\/policy\/?$/.exec(path);
  if (policy) return { operation: 'GetPolicy', params: { FunctionName: decodeURIComponent(policy[1]) } };
  const urls = /^\/2021-10-31\/functions\/([^/]+)\/urls\/?$/.exec(path);
  if (urls)
    return { operation: 'ListFunctionUrlConfigs', params: { FunctionName: decodeURIComponent(urls[1]) } };
  return undefined;
}

export const lambdaService: ReplayService = { respond: lambdaResponder, route: lambdaRoute };
