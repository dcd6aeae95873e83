// Security Hub (per region): DescribeHub. "Not subscribed" comes back as InvalidAccessException; that is the
// answer (Security Hub is off here), recorded as raw evidence and Hub = null, not a gap.
import { redactObject } from '../redact';
import { recordedCall, type CallContext } from './client-config';
import { LOGGING_TYPES, type SecurityHubConfig } from './logging-shapes';
import { awsSdk } from './sdk-loader';

/** Security Hub's "the account is not subscribed" answer. AccessDenied stays a gap. */
const NOT_SUBSCRIBED = ['InvalidAccessException'];

export async function collectSecurityHubRegion(
  ctx: CallContext,
  region: string,
  account: string,
): Promise<void> {
  const { DescribeHubCommand, SecurityHubClient } = await awsSdk.securityHub();
  const client = ctx.clients.client('securityhub', region, (c) => new SecurityHubClient(c));
  const out = await recordedCall(
    ctx,
    { service: 'securityhub', region, operation: 'DescribeHub' },
    (abortSignal) => client.send(new DescribeHubCommand({}), { abortSignal }),
    NOT_SUBSCRIBED,
  );
  const config: SecurityHubConfig = { Region: region };
  if (out.ok) {
    const { HubArn, SubscribedAt, AutoEnableControls, ControlFindingGenerator } = redactObject(
      out.value,
    ) as Record<string, unknown>;
    config.Hub = {
      HubArn,
      SubscribedAt,
      AutoEnableControls,
      ControlFindingGenerator,
    } as SecurityHubConfig['Hub'];
  } else if (out.notConfigured) {
    config.Hub = null;
  }
  ctx.sink.resource({
    uid: `arn:aws:securityhub:${region}:${account}:hub/default`,
    provider: 'aws',
    service: 'securityhub',
    type: LOGGING_TYPES.securityHub,
    region,
    name: `Security Hub in ${region}`,
    tags: {},
    config: config as unknown as Record<string, unknown>,
  });
}
