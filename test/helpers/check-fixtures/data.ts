// Pass, fail and data-missing fixtures for the data group's checks (merged into CHECK_FIXTURES).
import type { CheckFixtures } from '../check-fixtures';

export const DATA_FIXTURES: Record<string, CheckFixtures> = {};
