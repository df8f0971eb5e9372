/**
 * Real servers on two shared cores: a test waits for events, never a clock, so its timeout is only
 * a guard against a hang (jest's 5 s default failed on a loaded machine). Set here because Jest 30
 * reads `testTimeout` from the global config only: a project's `testTimeout` is silently ignored.
 */
jest.setTimeout(60_000);
