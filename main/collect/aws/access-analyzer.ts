// IAM Access Analyzer (per region): the analyzers of the region (ListAnalyzers, all pages). One resource per
// collected region whatever the answer, so "no analyzer here" and "could not ask here" stay distinguishable.
import type { CallContext } from './client-config';
import { recordedCall } from './client-config';
import { IAM_TYPES, type AccessAnalyzerRegionConfig } from './iam-shapes';
import { awsSdk } from './sdk-loader';

export async function collectAccessAnalyzerRegion(
  ctx: CallContext,
  region: string,
  accountId: string,
): Promise<void> {
  const { AccessAnalyzerClient, ListAnalyzersCommand } = await awsSdk.accessAnalyzer();
  const client = ctx.clients.client('access-analyzer', region, (c) => new AccessAnalyzerClient(c));
  const analyzers: NonNullable<AccessAnalyzerRegionConfig['Analyzers']> = [];
  let complete = true;
  let nextToken: string | undefined;
  do {
    const params = nextToken ? { nextToken } : {};
    const page = await recordedCall(
      ctx,
      { service: 'access-analyzer', region, operation: 'ListAnalyzers', params },
      (abortSignal) => client.send(new ListAnalyzersCommand(params), { abortSignal }),
    );
    if (!page.ok) {
      complete = false;
      break;
    }
    for (const a of page.value.analyzers ?? []) {
      analyzers.push({
        arn: a.arn,
        name: a.name,
        type: a.type,
        status: a.status,
        ...(a.createdAt ? { createdAt: a.createdAt.toISOString() } : {}),
      });
    }
    nextToken = page.value.nextToken;
  } while (nextToken);
  const config: AccessAnalyzerRegionConfig = {
    Region: region,
    ...(complete ? { Analyzers: analyzers } : {}),
  };
  ctx.sink.resource({
    uid: `arn:aws:access-analyzer:${region}:${accountId}:analyzers`,
    provider: 'aws',
    service: 'accessanalyzer',
    type: IAM_TYPES.accessAnalyzerRegion,
    region,
    name: `Access Analyzer in ${region}`,
    tags: {},
    config: config as unknown as Record<string, unknown>,
  });
}
