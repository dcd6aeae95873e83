// Pass, fail and data-missing fixtures for the org group's checks (merged into CHECK_FIXTURES).
import type { CheckFixtures } from '../check-fixtures';

export const ORG_FIXTURES: Record<string, CheckFixtures> = {};
