// The ec2 group's API calls (see main/collect/registry.ts for what an entry means and why it matters).
import type { ApiCall } from '../../registry';

export const EC2_CALLS: readonly ApiCall[] = [];
