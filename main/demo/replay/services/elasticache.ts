// ElastiCache responses (AWS query protocol). Its lists name their elements by type, as RDS's do:
// <ReplicationGroups><ReplicationGroup>, <MemberClusters><ClusterId>.
import { queryOk } from '../wire';
import { UnknownOperation, pageOf, type Responder } from './types';

const PAGE = 1;

export const elastiCacheResponder: Responder = (estate, req) => {
  if (req.operation !== 'DescribeReplicationGroups') throw new UnknownOperation();
  const { region, params } = req;
  const all = (estate.dataStores?.replicationGroups ?? []).filter((g) => g.region === region);
  const { page, next } = pageOf(all, params.Marker, PAGE);
  return queryOk('elasticache', req.operation, {
    ...(next ? { Marker: next } : {}),
    ReplicationGroups: {
      ReplicationGroup: page.map((g) => ({
        ReplicationGroupId: g.id,
        Description: g.description,
        Status: 'available',
        MemberClusters: { ClusterId: g.members },
        AutomaticFailover: g.members.length > 1 ? 'enabled' : 'disabled',
        MultiAZ: g.members.length > 1 ? 'enabled' : 'disabled',
        ClusterEnabled: false,
        CacheNodeType: 'cache.r6g.large',
        AuthTokenEnabled: g.transitEncryption,
        TransitEncryptionEnabled: g.transitEncryption,
        ...(g.transitEncryption ? { TransitEncryptionMode: 'required' } : {}),
        AtRestEncryptionEnabled: g.atRestEncryption,
        ARN: `arn:aws:elasticache:${g.region}:${estate.accountId}:replicationgroup:${g.id}`,
        Engine: g.engine,
      })),
    },
  });
};
