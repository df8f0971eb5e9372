/** A fresh, migrated PostgreSQL database per test file, dropped afterwards (scripts/stack). */
import { scratchDatabase, type ScratchDatabase } from '../../scripts/stack';

export type TestDatabase = ScratchDatabase;

export const createTestDatabase = (): Promise<TestDatabase> => scratchDatabase('dfo_test');
