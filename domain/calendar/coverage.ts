/**
 * Audit action recording which years of a run's schedule the reviewed holiday file does not
 * cover (`after.unreviewedYears`, written by the worker's schedule activities); the API shows the
 * latest one as the run's `calendar`. Its own file so the API does not load the holiday library.
 */
export const CALENDAR_COVERAGE_ACTION = 'run.calendar-coverage';
