// EFS responses (restJson1: GET /2015-02-01/file-systems; timestamps are epoch seconds). Pages are small on
// purpose, to exercise the collector's Marker/NextMarker pagination.
import { restJsonOk } from '../wire';
import { UnknownOperation, pageOf, type ReplayService } from './types';

const PAGE = 1;

export const efsService: ReplayService = {
  route: (method, path) =>
    method === 'GET' && /^\/2015-02-01\/file-systems\/?$/.test(path)
      ? { operation: 'DescribeFileSystems' }
      : undefined,
  respond: (estate, req) => {
    if (req.operation !== 'DescribeFileSystems') throw new UnknownOperation();
    const { region, params, now } = req;
    const all = (estate.dataStores?.efsFileSystems ?? []).filter((f) => f.region === region);
    const { page, next } = pageOf(all, params.Marker, PAGE);
    return restJsonOk({
      ...(params.Marker ? { Marker: params.Marker } : {}),
      FileSystems: page.map((f) => ({
        OwnerId: estate.accountId,
        CreationToken: `${f.name ?? f.id}-token`,
        FileSystemId: f.id,
        FileSystemArn: `arn:aws:elasticfilesystem:${f.region}:${estate.accountId}:file-system/${f.id}`,
        CreationTime: Math.floor(now.getTime() / 1000) - f.createdDaysAgo * 86_400,
        LifeCycleState: 'available',
        ...(f.name ? { Name: f.name } : {}),
        NumberOfMountTargets: 2,
        SizeInBytes: { Value: 6144 },
        PerformanceMode: 'generalPurpose',
        Encrypted: f.encrypted,
        ...(f.kmsKeyId ? { KmsKeyId: f.kmsKeyId } : {}),
        ThroughputMode: 'bursting',
        Tags: f.name ? [{ Key: 'Name', Value: f.name }] : [],
      })),
      ...(next ? { NextMarker: next } : {}),
    });
  },
};
