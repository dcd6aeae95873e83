// Pass, fail and data-missing fixtures for the iam group's checks (merged into CHECK_FIXTURES).
import type { CheckFixtures } from '../check-fixtures';

export const IAM_FIXTURES: Record<string, CheckFixtures> = {};
