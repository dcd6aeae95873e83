// The s3 group's API calls (see main/collect/registry.ts for what an entry means and why it matters).
import type { ApiCall } from '../../registry';

export const S3_CALLS: readonly ApiCall[] = [];
