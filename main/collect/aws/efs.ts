// EFS (per region): every file system with its encryption at rest setting (DescribeFileSystems carries it,
// and the tags, so no follow-up call is needed).
import type { FileSystemDescription } from '@aws-sdk/client-efs';
import { redactObject } from '../redact';
import { recordedCall, tagMap, type CallContext } from './client-config';
import { DATA_TYPES } from './data-shapes';
import { awsSdk } from './sdk-loader';

export async function collectEfsRegion(ctx: CallContext, region: string, account: string): Promise<void> {
  const { DescribeFileSystemsCommand, EFSClient } = await awsSdk.efs();
  const client = ctx.clients.client('elasticfilesystem', region, (c) => new EFSClient(c));
  const fileSystems: FileSystemDescription[] = [];
  let Marker: string | undefined;
  do {
    const params = { MaxItems: 100, ...(Marker ? { Marker } : {}) };
    const out = await recordedCall(
      ctx,
      { service: 'elasticfilesystem', region, operation: 'DescribeFileSystems', params },
      (abortSignal) => client.send(new DescribeFileSystemsCommand(params), { abortSignal }),
    );
    if (!out.ok) break;
    fileSystems.push(...(out.value.FileSystems ?? []));
    Marker = out.value.NextMarker;
  } while (Marker);
  for (const fs of fileSystems) {
    if (!fs.FileSystemId) continue;
    ctx.sink.resource({
      uid:
        fs.FileSystemArn ?? `arn:aws:elasticfilesystem:${region}:${account}:file-system/${fs.FileSystemId}`,
      provider: 'aws',
      service: 'efs',
      type: DATA_TYPES.efsFileSystem,
      region,
      name: fs.Name ? `${fs.Name} (${fs.FileSystemId})` : fs.FileSystemId,
      tags: tagMap(fs.Tags),
      config: redactObject(fs),
    });
  }
}
