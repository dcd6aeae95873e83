// The data group's collectors, as units collectAzureSubscription schedules (see ../index.ts AzureUnit).
import type { AzureUnit } from '../index';
import { collectWebApps } from '../app-service';
import { collectMySqlFlexibleServers, collectPostgreSqlFlexibleServers } from '../flexible-servers';
import { collectSqlServers } from '../sql';
import { collectVirtualMachines } from '../virtual-machines';

export const DATA_UNITS: readonly AzureUnit[] = [
  { service: 'sql', label: 'SQL servers', run: collectSqlServers },
  { service: 'postgresql', label: 'PostgreSQL flexible servers', run: collectPostgreSqlFlexibleServers },
  { service: 'mysql', label: 'MySQL flexible servers', run: collectMySqlFlexibleServers },
  { service: 'vm', label: 'virtual machines', run: collectVirtualMachines },
  { service: 'app', label: 'App Service apps', run: collectWebApps },
];
