// Elastic Load Balancing v2 (per region): DescribeLoadBalancers (every page), then DescribeListeners per load
// balancer (every page). The listeners hang off their load balancer (config.Listeners), so one finding says
// which listener of which load balancer is plain HTTP or uses an old TLS policy.
import type {
  ElasticLoadBalancingV2Client,
  Listener,
  LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { settleAll } from '../concurrency';
import { redactObject } from '../redact';
import { APP_TYPES, type Elbv2LoadBalancerConfig } from './app-shapes';
import { recordedCall, type CallContext } from './client-config';
import { awsSdk } from './sdk-loader';

export async function collectElbv2Region(ctx: CallContext, region: string): Promise<void> {
  const { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } = await awsSdk.elbv2();
  const elb = ctx.clients.client('elasticloadbalancing', region, (c) => new ElasticLoadBalancingV2Client(c));
  const balancers: LoadBalancer[] = [];
  let Marker: string | undefined;
  do {
    const params = Marker ? { Marker } : {};
    const out = await recordedCall(
      ctx,
      { service: 'elasticloadbalancing', region, operation: 'DescribeLoadBalancers', params },
      (abortSignal) => elb.send(new DescribeLoadBalancersCommand(params), { abortSignal }),
    );
    if (!out.ok) break;
    balancers.push(...(out.value.LoadBalancers ?? []));
    Marker = out.value.NextMarker;
  } while (Marker);

  await settleAll(
    balancers
      .filter((lb) => lb.LoadBalancerArn && lb.LoadBalancerName)
      .map(async (lb) => {
        const LoadBalancerArn = lb.LoadBalancerArn as string;
        const config = redactObject(lb) as unknown as Elbv2LoadBalancerConfig;
        const listeners = await listenersOf(ctx, elb, region, LoadBalancerArn);
        if (listeners)
          config.Listeners = listeners.map((l) => redactObject(l)) as Elbv2LoadBalancerConfig['Listeners'];
        ctx.sink.resource({
          uid: LoadBalancerArn,
          provider: 'aws',
          service: 'elasticloadbalancing',
          type: APP_TYPES.elbv2LoadBalancer,
          region,
          name: lb.LoadBalancerName as string,
          tags: {},
          config: config as unknown as Record<string, unknown>,
        });
      }),
  );
}

/** Every listener of a load balancer, or undefined when a page could not be read (the key stays absent). */
async function listenersOf(
  ctx: CallContext,
  elb: ElasticLoadBalancingV2Client,
  region: string,
  LoadBalancerArn: string,
): Promise<Listener[] | undefined> {
  const { DescribeListenersCommand } = await awsSdk.elbv2();
  const all: Listener[] = [];
  let Marker: string | undefined;
  do {
    const params = { LoadBalancerArn, ...(Marker ? { Marker } : {}) };
    const out = await recordedCall(
      ctx,
      {
        service: 'elasticloadbalancing',
        region,
        operation: 'DescribeListeners',
        params,
        resource: LoadBalancerArn,
      },
      (abortSignal) => elb.send(new DescribeListenersCommand(params), { abortSignal }),
    );
    if (!out.ok) return undefined;
    all.push(...(out.value.Listeners ?? []));
    Marker = out.value.NextMarker;
  } while (Marker);
  return all;
}
