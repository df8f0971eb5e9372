/**
 * RFC 4180 CSV: CRLF line ends; a field holding a comma, quote, CR or LF is quoted, quotes
 * doubled. Spreadsheets run cells that start with = + - @ (or tab, CR) as formulas, so those get
 * a leading apostrophe (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly string[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
