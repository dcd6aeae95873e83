// Where a package says "account" for AWS it says "subscription" for Azure: an Azure snapshot's account column
// holds the subscription id and its identity the tenant and subscription name (main/collect/azure-run.ts).
import type { Provider } from '../../shared/domain';

/** The label of the snapshot's account field: "Account" (AWS) or "Subscription" (Azure). */
export function accountLabel(provider: Provider): string {
  return provider === 'azure' ? 'Subscription' : 'Account';
}

/** The label of the snapshot's identity field. */
export function identityLabel(provider: Provider): string {
  return provider === 'azure' ? 'Tenant / subscription name' : 'Identity used';
}

/** The account as running text: an Azure subscription id says what it is. */
export function accountInText(provider: Provider, account: string | null): string {
  const id = account ?? 'unknown';
  return provider === 'azure' ? `${id} (Azure subscription)` : id;
}
