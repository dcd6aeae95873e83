// The data group's API calls (see main/collect/registry.ts for what an entry means and why it matters).
import type { ApiCall } from '../../registry';

export const DATA_CALLS: readonly ApiCall[] = [];
