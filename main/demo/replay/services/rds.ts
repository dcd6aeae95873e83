// RDS responses (AWS query protocol). RDS lists do NOT use <member>: each list wraps elements named for
// their type (<DBInstances><DBInstance>, <TagList><Tag>, <AttributeValues><AttributeValue>), exactly as the
// SDK's deserializer expects. Pages are small on purpose, to exercise the collector's Marker pagination.
import type { EstateRdsCluster, EstateRdsInstance, EstateRdsSnapshot } from '../../estate/sections/data';
import type { Estate } from '../../estate/types';
import { isoDaysAgo, queryError, queryOk } from '../wire';
import { UnknownOperation, pageOf, type Responder } from './types';

const PAGE = 2;

const tagList = (tags: Record<string, string> | undefined) => ({
  Tag: Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
});

function instanceXml(estate: Estate, i: EstateRdsInstance, now: Date) {
  const arn = `arn:aws:rds:${i.region}:${estate.accountId}:db:${i.id}`;
  return {
    DBInstanceIdentifier: i.id,
    DBInstanceClass: i.instanceClass,
    Engine: i.engine,
    DBInstanceStatus: 'available',
    MasterUsername: 'nwh_admin',
    Endpoint: {
      Address: `${i.id}.c9akciq32example.${i.region}.rds.amazonaws.com`,
      Port: i.engine.includes('mysql') ? 3306 : 5432,
    },
    AllocatedStorage: i.clusterId ? 1 : 100,
    InstanceCreateTime: isoDaysAgo(now, i.createdDaysAgo),
    BackupRetentionPeriod: i.backupRetentionDays,
    AvailabilityZone: i.az,
    MultiAZ: i.multiAZ,
    EngineVersion: i.engineVersion,
    AutoMinorVersionUpgrade: i.autoMinorVersionUpgrade,
    PubliclyAccessible: i.publiclyAccessible,
    StorageType: i.clusterId ? 'aurora' : 'gp3',
    ...(i.clusterId ? { DBClusterIdentifier: i.clusterId } : {}),
    StorageEncrypted: i.storageEncrypted,
    ...(i.kmsKeyId ? { KmsKeyId: i.kmsKeyId } : {}),
    DbiResourceId: `db-${Buffer.from(i.id).toString('hex').slice(0, 26).toUpperCase()}`,
    DBInstanceArn: arn,
    DeletionProtection: i.deletionProtection,
    TagList: tagList(i.tags),
  };
}

function clusterXml(estate: Estate, c: EstateRdsCluster, now: Date) {
  return {
    DBClusterIdentifier: c.id,
    Status: 'available',
    Engine: c.engine,
    EngineVersion: c.engineVersion,
    BackupRetentionPeriod: c.backupRetentionDays,
    MultiAZ: c.multiAZ,
    ClusterCreateTime: isoDaysAgo(now, c.createdDaysAgo),
    DBClusterMembers: {
      DBClusterMember: c.members.map((id, n) => ({ DBInstanceIdentifier: id, IsClusterWriter: n === 0 })),
    },
    StorageEncrypted: c.storageEncrypted,
    ...(c.kmsKeyId ? { KmsKeyId: c.kmsKeyId } : {}),
    DBClusterArn: `arn:aws:rds:${c.region}:${estate.accountId}:cluster:${c.id}`,
    DeletionProtection: c.deletionProtection,
    TagList: tagList(c.tags),
  };
}

const snapshotArn = (estate: Estate, s: EstateRdsSnapshot) =>
  `arn:aws:rds:${s.region}:${estate.accountId}:${s.kind === 'cluster' ? 'cluster-snapshot' : 'snapshot'}:${s.id}`;

export const rdsResponder: Responder = (estate, req) => {
  const { region, params, now } = req;
  const data = estate.dataStores;
  const mine = <T extends { region: string }>(items: T[] | undefined) =>
    (items ?? []).filter((x) => x.region === region);
  // Only manual snapshots exist in the estate; an 'automated' filter sees none.
  const manual = params.SnapshotType === undefined || params.SnapshotType === 'manual';
  const snaps = (kind: 'instance' | 'cluster') =>
    mine(data?.rdsSnapshots).filter((s) => s.kind === kind && manual);
  const list = <T>(items: T[], wrapper: string, element: string, render: (x: T) => unknown) => {
    const { page, next } = pageOf(items, params.Marker, PAGE);
    return { ...(next ? { Marker: next } : {}), [wrapper]: { [element]: page.map(render) } };
  };
  switch (req.operation) {
    case 'DescribeDBInstances':
      return queryOk(
        'rds',
        req.operation,
        list(mine(data?.rdsInstances), 'DBInstances', 'DBInstance', (i) => instanceXml(estate, i, now)),
      );
    case 'DescribeDBClusters':
      return queryOk(
        'rds',
        req.operation,
        list(mine(data?.rdsClusters), 'DBClusters', 'DBCluster', (c) => clusterXml(estate, c, now)),
      );
    case 'DescribeDBSnapshots':
      return queryOk(
        'rds',
        req.operation,
        list(snaps('instance'), 'DBSnapshots', 'DBSnapshot', (s) => ({
          DBSnapshotIdentifier: s.id,
          DBInstanceIdentifier: s.sourceId,
          SnapshotCreateTime: isoDaysAgo(now, s.createdDaysAgo),
          Engine: s.engine,
          Status: 'available',
          SnapshotType: 'manual',
          Encrypted: s.encrypted,
          DBSnapshotArn: snapshotArn(estate, s),
        })),
      );
    case 'DescribeDBClusterSnapshots':
      return queryOk(
        'rds',
        req.operation,
        list(snaps('cluster'), 'DBClusterSnapshots', 'DBClusterSnapshot', (s) => ({
          DBClusterSnapshotIdentifier: s.id,
          DBClusterIdentifier: s.sourceId,
          SnapshotCreateTime: isoDaysAgo(now, s.createdDaysAgo),
          Engine: s.engine,
          Status: 'available',
          SnapshotType: 'manual',
          StorageEncrypted: s.encrypted,
          DBClusterSnapshotArn: snapshotArn(estate, s),
        })),
      );
    case 'DescribeDBSnapshotAttributes':
    case 'DescribeDBClusterSnapshotAttributes': {
      const cluster = req.operation === 'DescribeDBClusterSnapshotAttributes';
      const id = String(cluster ? params.DBClusterSnapshotIdentifier : params.DBSnapshotIdentifier);
      const s = snaps(cluster ? 'cluster' : 'instance').find((x) => x.id === id);
      if (!s) {
        return cluster
          ? queryError('rds', 404, 'DBClusterSnapshotNotFoundFault', `DBClusterSnapshot ${id} not found.`)
          : queryError('rds', 404, 'DBSnapshotNotFound', `DBSnapshot ${id} not found.`);
      }
      const attribute = {
        AttributeName: 'restore',
        AttributeValues: { AttributeValue: s.restore },
      };
      return queryOk(
        'rds',
        req.operation,
        cluster
          ? {
              DBClusterSnapshotAttributesResult: {
                DBClusterSnapshotIdentifier: id,
                DBClusterSnapshotAttributes: { DBClusterSnapshotAttribute: [attribute] },
              },
            }
          : {
              DBSnapshotAttributesResult: {
                DBSnapshotIdentifier: id,
                DBSnapshotAttributes: { DBSnapshotAttribute: [attribute] },
              },
            },
      );
    }
    default:
      throw new UnknownOperation();
  }
};
