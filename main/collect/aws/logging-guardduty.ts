// GuardDuty (per region): the region's detectors (ListDetectors, all pages) and each one's status
// (GetDetector). One resource per collected region, so a region without a detector is a recorded fact and a
// region whose calls were denied is an error, never a silent pass.
import { settleAll } from '../concurrency';
import { redactObject } from '../redact';
import { recordedCall, type CallContext } from './client-config';
import { allPages } from './logging-paginate';
import { LOGGING_TYPES, type GuardDutyRegionConfig } from './logging-shapes';
import { awsSdk } from './sdk-loader';

export async function collectGuardDutyRegion(
  ctx: CallContext,
  region: string,
  account: string,
): Promise<void> {
  const { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } = await awsSdk.guardDuty();
  const client = ctx.clients.client('guardduty', region, (c) => new GuardDutyClient(c));
  const ids = await allPages(
    ctx,
    { service: 'guardduty', region, operation: 'ListDetectors' },
    'NextToken',
    (params, abortSignal) => client.send(new ListDetectorsCommand(params), { abortSignal }),
    (page) => page.DetectorIds,
  );
  const config: GuardDutyRegionConfig = { Region: region };
  if (ids) {
    config.DetectorIds = ids;
    const detectors: NonNullable<GuardDutyRegionConfig['Detectors']> = ids.map((DetectorId) => ({
      DetectorId,
    }));
    await settleAll(
      detectors.map(async (d) => {
        const out = await recordedCall(
          ctx,
          { service: 'guardduty', region, operation: 'GetDetector', params: { DetectorId: d.DetectorId } },
          (abortSignal) => client.send(new GetDetectorCommand({ DetectorId: d.DetectorId }), { abortSignal }),
        );
        // A failed GetDetector leaves only DetectorId: its status is unknown, not "disabled".
        if (out.ok) Object.assign(d, redactObject(out.value), { DetectorId: d.DetectorId });
      }),
    );
    config.Detectors = detectors;
  }
  ctx.sink.resource({
    uid: `arn:aws:guardduty:${region}:${account}:detectors`,
    provider: 'aws',
    service: 'guardduty',
    type: LOGGING_TYPES.guardDutyRegion,
    region,
    name: `GuardDuty in ${region}`,
    tags: {},
    config: config as unknown as Record<string, unknown>,
  });
}
