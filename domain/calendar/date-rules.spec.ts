import {
  checkLaterDate,
  checkStartDate,
  DEFAULT_DATE_RULE_POLICY,
  localDate,
  startDateRange,
} from './date-rules';

// Togolese public holidays around the dates below (config/holidays/tg.json): Independence Day
// (27 April) and Labour Day (1 May). Literal, so this spec holds however holidays get loaded.
const togo = new Set(['2027-04-27', '2027-05-01', '2026-12-25', '2027-01-01']);
const policy = { lateWindowWorkingDays: 5, horizonDays: 366 };
// Thursday 29 April 2027. Working days before it: Wed 28, (Tue 27 holiday), Mon 26, Fri 23,
// Thu 22, Wed 21: the window's last day is Wednesday 21 April.
const today = '2027-04-29';

describe('checkStartDate', () => {
  it('accepts today and the future up to the horizon', () => {
    expect(checkStartDate(today, today, togo, policy)).toMatchObject({ ok: true });
    expect(checkStartDate('2028-04-29', today, togo, policy).ok).toBe(true); // 366 days
    const beyond = checkStartDate('2028-04-30', today, togo, policy);
    expect(beyond).toEqual({
      ok: false,
      reason: 'is too far ahead: allowed from 2027-04-21 to 2028-04-29',
      range: { earliest: '2027-04-21', latest: '2028-04-29' },
    });
  });

  it('counts the late window in working days, skipping a Togolese holiday', () => {
    expect(startDateRange(today, togo, policy).earliest).toBe('2027-04-21');
    expect(checkStartDate('2027-04-21', today, togo, policy).ok).toBe(true); // the last day
    expect(checkStartDate('2027-04-20', today, togo, policy)).toEqual({
      ok: false,
      reason: 'is more than 5 working days in the past: allowed from 2027-04-21 to 2028-04-29',
      range: { earliest: '2027-04-21', latest: '2028-04-29' },
    });
    // Without the holiday the window ends a day later.
    expect(startDateRange(today, new Set(), policy).earliest).toBe('2027-04-22');
  });

  it('accepts a weekend or a holiday inside the range (steps move to the next working day)', () => {
    expect(checkStartDate('2027-04-24', today, togo, policy).ok).toBe(true); // Saturday
    expect(checkStartDate('2027-04-27', today, togo, policy).ok).toBe(true); // Independence Day
    expect(checkStartDate('2027-05-01', today, togo, policy).ok).toBe(true); // Labour Day
  });

  it('starts the window on a weekend from the working days before it', () => {
    // Sunday 2 May 2027: Fri 30, Thu 29, Wed 28, Mon 26, Fri 23.
    expect(startDateRange('2027-05-02', togo, policy).earliest).toBe('2027-04-23');
  });

  it('handles 29 February: a leap day is a date, 2027-02-29 is not', () => {
    // Thursday 2 March 2028: Wed 1 March, Tue 29 February, ...
    expect(checkStartDate('2028-02-29', '2028-03-02', togo, policy).ok).toBe(true);
    const narrow = { lateWindowWorkingDays: 1, horizonDays: 366 };
    expect(checkStartDate('2028-02-29', '2028-03-02', togo, narrow)).toMatchObject({
      ok: false,
      range: { earliest: '2028-03-01' },
    });
    expect(checkStartDate('2027-02-29', '2027-02-26', togo, policy)).toMatchObject({
      ok: false,
      reason: 'must be an existing date formatted YYYY-MM-DD',
    });
    // A horizon reaching across 29 February counts it as a day.
    expect(startDateRange('2027-03-01', togo, { ...policy, horizonDays: 365 }).latest).toBe(
      '2028-02-29',
    );
  });

  it('with no late window, refuses any past date', () => {
    const strict = { lateWindowWorkingDays: 0, horizonDays: 30 };
    expect(checkStartDate(today, today, togo, strict).ok).toBe(true);
    expect(checkStartDate('2027-04-28', today, togo, strict)).toMatchObject({
      ok: false,
      reason: 'must not be in the past: allowed from 2027-04-29 to 2027-05-29',
    });
  });

  it('has a default a real HR office can live with', () => {
    expect(DEFAULT_DATE_RULE_POLICY).toEqual({ lateWindowWorkingDays: 5, horizonDays: 366 });
  });
});

describe('checkLaterDate (checkpoint extension, last day)', () => {
  it('needs a date after today and within the horizon', () => {
    expect(checkLaterDate(today, today, policy)).toEqual({
      ok: false,
      reason: 'must be after today: allowed from 2027-04-30 to 2028-04-29',
      range: { earliest: '2027-04-30', latest: '2028-04-29' },
    });
    expect(checkLaterDate('2027-04-30', today, policy).ok).toBe(true);
    expect(checkLaterDate('2028-04-29', today, policy).ok).toBe(true);
    expect(checkLaterDate('2028-04-30', today, policy).ok).toBe(false);
  });
});

describe('localDate', () => {
  it('is the calendar date in the run time zone', () => {
    const instant = new Date('2027-04-29T23:30:00Z');
    expect(localDate(instant, 'Africa/Lome')).toBe('2027-04-29');
    expect(localDate(instant, 'Africa/Lagos')).toBe('2027-04-30'); // UTC+1
    expect(localDate(instant, 'America/New_York')).toBe('2027-04-29');
  });
});
