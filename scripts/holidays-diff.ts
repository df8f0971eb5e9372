/**
 * Lists, for each year of the reviewed holiday file, the dates where it and the `date-holidays`
 * library disagree, as a Markdown table (pasted into docs/plans.md, "Holidays and working days").
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/holidays-diff.js [TG]
 */
import { libraryHolidays, loadHolidays } from '../domain/calendar/holidays';

export function holidayDifferences(country: string): string[] {
  const calendar = loadHolidays(country);
  const rows: string[] = [];
  for (const year of [...calendar.reviewedYears].sort()) {
    const reviewed = calendar.holidays.filter((h) => h.date.startsWith(`${year}-`));
    const library = libraryHolidays(country, year);
    const dates = new Set([...reviewed.map((h) => h.date), ...library.map((h) => h.date)]);
    for (const date of [...dates].sort()) {
      const r = reviewed.find((h) => h.date === date);
      const l = library.filter((h) => h.date === date);
      if (r && l.length > 0) continue;
      rows.push(
        `| ${date} | ${r ? `${r.name.fr}${r.approximate ? ' (approximate)' : ''}` : '—'} | ${
          l.map((h) => h.name.fr).join(' ; ') || '—'
        } |`,
      );
    }
  }
  return ['| date | reviewed file | library |', '| --- | --- | --- |', ...rows];
}

if (require.main === module) {
  console.log(holidayDifferences(process.argv[2] ?? 'TG').join('\n'));
}
