// Pass, fail and data-missing fixtures for the logging group's checks (merged into CHECK_FIXTURES).
import type { CheckFixtures } from '../check-fixtures';

export const LOGGING_FIXTURES: Record<string, CheckFixtures> = {};
