// What the assessment modules need of a workspace: its database, folders and the OS account running the
// process. A narrow type so tests can hand in a plain object instead of opening a whole workspace.
import type { Db } from '../store/db';

export type AssessmentContext = { db: Db; dataDir: string; keyDir: string; actor: string };
