// Pass, fail and data-missing fixtures for the app group's checks (merged into CHECK_FIXTURES).
import type { CheckFixtures } from '../check-fixtures';

export const APP_FIXTURES: Record<string, CheckFixtures> = {};
