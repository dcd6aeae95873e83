// Pass, fail and data-missing fixtures for the s3 group's checks (merged into CHECK_FIXTURES).
import type { CheckFixtures } from '../check-fixtures';

export const S3_FIXTURES: Record<string, CheckFixtures> = {};
