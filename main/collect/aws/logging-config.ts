// AWS Config (per region): the recorders, their status and the delivery channels. One resource per collected
// region whatever the answers, so "Config is off here" and "could not ask here" stay distinguishable.
import { settled } from '../concurrency';
import { redactObject } from '../redact';
import { recordedCall, type CallContext } from './client-config';
import { LOGGING_TYPES, type ConfigRecordingConfig } from './logging-shapes';
import { awsSdk } from './sdk-loader';

export async function collectConfigRegion(ctx: CallContext, region: string, account: string): Promise<void> {
  const {
    ConfigServiceClient,
    DescribeConfigurationRecordersCommand,
    DescribeConfigurationRecorderStatusCommand,
    DescribeDeliveryChannelsCommand,
  } = await awsSdk.configService();
  const client = ctx.clients.client('config', region, (c) => new ConfigServiceClient(c));
  const call = <T extends object>(operation: string, send: (signal: AbortSignal) => Promise<T>) =>
    recordedCall(ctx, { service: 'config', region, operation }, send);
  const [recorders, statuses, channels] = await settled(
    call('DescribeConfigurationRecorders', (abortSignal) =>
      client.send(new DescribeConfigurationRecordersCommand({}), { abortSignal }),
    ),
    call('DescribeConfigurationRecorderStatus', (abortSignal) =>
      client.send(new DescribeConfigurationRecorderStatusCommand({}), { abortSignal }),
    ),
    call('DescribeDeliveryChannels', (abortSignal) =>
      client.send(new DescribeDeliveryChannelsCommand({}), { abortSignal }),
    ),
  );
  // Each output object is redacted whole (redactObject takes an object, not a bare list).
  const config: ConfigRecordingConfig = { Region: region };
  if (recorders.ok)
    config.ConfigurationRecorders =
      (redactObject(recorders.value) as ConfigRecordingConfig).ConfigurationRecorders ?? [];
  if (statuses.ok)
    config.ConfigurationRecordersStatus =
      (redactObject(statuses.value) as ConfigRecordingConfig).ConfigurationRecordersStatus ?? [];
  if (channels.ok)
    config.DeliveryChannels = (redactObject(channels.value) as ConfigRecordingConfig).DeliveryChannels ?? [];
  ctx.sink.resource({
    uid: `arn:aws:config:${region}:${account}:recording`,
    provider: 'aws',
    service: 'config',
    type: LOGGING_TYPES.configRecording,
    region,
    name: `AWS Config in ${region}`,
    tags: {},
    config: config as unknown as Record<string, unknown>,
  });
}
