// Lambda functions (per region): ListFunctions (every page), then per function GetPolicy (who may invoke it)
// and ListFunctionUrlConfigs (its URLs and their auth type). GetPolicy answers ResourceNotFoundException for a
// function without a resource policy: that is "not configured" (Policy: null), not a gap.
import type { FunctionConfiguration, FunctionUrlConfig, LambdaClient } from '@aws-sdk/client-lambda';
import { settleAll, settled } from '../concurrency';
import { redactObject } from '../redact';
import { APP_TYPES, type LambdaFunctionConfig } from './app-shapes';
import { recordedCall, type CallContext } from './client-config';
import { judgePolicy } from './policy-judgement';
import { awsSdk } from './sdk-loader';

export async function collectLambdaRegion(ctx: CallContext, region: string, account: string): Promise<void> {
  const { GetPolicyCommand, LambdaClient, ListFunctionsCommand } = await awsSdk.lambda();
  const lambda = ctx.clients.client('lambda', region, (c) => new LambdaClient(c));
  const functions: FunctionConfiguration[] = [];
  let Marker: string | undefined;
  do {
    const params = Marker ? { Marker } : {};
    const out = await recordedCall(
      ctx,
      { service: 'lambda', region, operation: 'ListFunctions', params },
      (abortSignal) => lambda.send(new ListFunctionsCommand(params), { abortSignal }),
    );
    if (!out.ok) break;
    functions.push(...(out.value.Functions ?? []));
    Marker = out.value.NextMarker;
  } while (Marker);

  await settleAll(
    functions
      .filter((f) => f.FunctionArn && f.FunctionName)
      .map(async (fn) => {
        const FunctionName = fn.FunctionName as string;
        // redactObject: environment variables and the like may hold a secret; they never reach the store.
        const config = redactObject(fn) as unknown as LambdaFunctionConfig;
        // settled, not Promise.all: neither branch is left running if the other throws (cancel).
        const [policy, urls] = await settled(
          recordedCall(
            ctx,
            {
              service: 'lambda',
              region,
              operation: 'GetPolicy',
              params: { FunctionName },
              resource: FunctionName,
            },
            (abortSignal) => lambda.send(new GetPolicyCommand({ FunctionName }), { abortSignal }),
            ['ResourceNotFoundException'],
          ),
          functionUrls(ctx, lambda, region, FunctionName),
        );
        if (policy.ok) {
          config.Policy = policy.value.Policy ?? null;
          config.PolicyJudgement = config.Policy ? judgePolicy(config.Policy, account) : null;
        } else if (policy.notConfigured) {
          config.Policy = null;
          config.PolicyJudgement = null;
        }
        if (urls)
          config.FunctionUrls = urls.map((u) => redactObject(u)) as LambdaFunctionConfig['FunctionUrls'];
        ctx.sink.resource({
          uid: fn.FunctionArn as string,
          provider: 'aws',
          service: 'lambda',
          type: APP_TYPES.lambdaFunction,
          region,
          name: FunctionName,
          tags: {},
          config: config as unknown as Record<string, unknown>,
        });
      }),
  );
}

/** Every URL of a function, or undefined when a page could not be read (the key stays absent). */
async function functionUrls(
  ctx: CallContext,
  lambda: LambdaClient,
  region: string,
  FunctionName: string,
): Promise<FunctionUrlConfig[] | undefined> {
  const { ListFunctionUrlConfigsCommand } = await awsSdk.lambda();
  const all: FunctionUrlConfig[] = [];
  let Marker: string | undefined;
  do {
    const params = { FunctionName, ...(Marker ? { Marker } : {}) };
    const out = await recordedCall(
      ctx,
      { service: 'lambda', region, operation: 'ListFunctionUrlConfigs', params, resource: FunctionName },
      (abortSignal) => lambda.send(new ListFunctionUrlConfigsCommand(params), { abortSignal }),
    );
    if (!out.ok) return undefined;
    all.push(...(out.value.FunctionUrlConfigs ?? []));
    Marker = out.value.NextMarker;
  } while (Marker);
  return all;
}
