// The storage group's collectors, as units collectAzureSubscription schedules (see ../index.ts AzureUnit).
// Storage accounts themselves are a core unit in ../index.ts (collectStorageAccounts).
import type { AzureUnit } from '../index';
import { collectKeyVaults } from '../keyvault';

export const STORAGE_UNITS: readonly AzureUnit[] = [
  { service: 'keyvault', label: 'key vaults', run: collectKeyVaults },
];
