// Pass, fail and data-missing fixtures for the ec2 group's checks (merged into CHECK_FIXTURES).
import type { CheckFixtures } from '../check-fixtures';

export const EC2_FIXTURES: Record<string, CheckFixtures> = {};
