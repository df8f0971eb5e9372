import { HolidayConfigError, loadHolidays, parseHolidayFile } from './holidays';

describe('loadHolidays', () => {
  const togo = loadHolidays('TG');

  it("ships Togo's public holidays for 2026 and 2027 in Africa/Lome", () => {
    expect(togo).toMatchObject({ country: 'TG', timeZone: 'Africa/Lome' });
    for (const year of [2026, 2027]) {
      for (const day of ['01-01', '01-13', '04-27', '05-01', '06-21', '08-15', '11-01', '12-25']) {
        expect(togo.dates.has(`${year}-${day}`)).toBe(true);
      }
      expect(togo.holidays.filter((h) => h.date.startsWith(`${year}-`))).toHaveLength(13);
    }
    // Easter Monday, Ascension, Whit Monday.
    for (const date of ['2026-04-06', '2026-05-14', '2026-05-25', '2027-03-29', '2027-05-06']) {
      expect(togo.dates.has(date)).toBe(true);
    }
  });

  it('marks the lunar holidays as approximate and Liberation Day as variable', () => {
    const approximate = togo.holidays.filter((h) => h.approximate);
    expect(approximate.map((h) => h.date)).toEqual([
      '2026-03-20',
      '2026-05-27',
      '2027-03-10',
      '2027-05-17',
    ]);
    for (const h of approximate) expect(h.note).toMatch(/government announces/);
    expect(togo.holidays.find((h) => h.date === '2026-01-13')?.note).toMatch(/may vary/);
  });

  it('adds extra dates, ignoring blanks', () => {
    const calendar = loadHolidays('tg', [' 2026-12-24', '', '2026-12-31 ']);
    expect(calendar.dates.has('2026-12-24')).toBe(true);
    expect(calendar.dates.has('2026-12-31')).toBe(true);
    expect(calendar.dates.size).toBe(togo.dates.size + 2);
  });

  it('names what is wrong', () => {
    expect(() => loadHolidays('TG', ['2026-13-01', '24/12/2026'])).toThrow(
      'extra holiday dates: not YYYY-MM-DD dates: 2026-13-01, 24/12/2026',
    );
    expect(() => loadHolidays('../tg')).toThrow(HolidayConfigError);
    expect(() => loadHolidays('ZZ')).toThrow(/zz\.json/);
    expect(() =>
      parseHolidayFile(
        { country: 'TG', timeZone: 'Africa/Lome', holidays: [{ date: '2026-02-30' }] },
        'tg.json',
      ),
    ).toThrow('tg.json: holidays[0].date: must be an existing YYYY-MM-DD date; holidays[0].name: ');
  });
});
