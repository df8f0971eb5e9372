/**
 * Calendar invites (RFC 5545) for tours and checkpoints, in Africa/Lome time. The UID is stable per
 * run and step (`<runId>-<stepId>@df-onboarding`) so a rescheduled checkpoint updates the event
 * already in the calendar, with a higher SEQUENCE, instead of adding a second one.
 */
import { HOME_TIME_ZONE } from '../../domain/i18n/dates';

export const ICS_TIME_ZONE = HOME_TIME_ZONE;

export interface InviteModel {
  runId: string;
  stepId: string;
  /** 0 for the first invite of the step, +1 for each reschedule. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  organizer: string;
  attendee: string;
  /** When the invite is generated (DTSTAMP); injectable for tests. */
  now?: Date;
}

export const inviteUid = (runId: string, stepId: string) => `${runId}-${stepId}@df-onboarding`;

/** Lomé is on GMT all year (no daylight saving): one STANDARD rule describes it fully. */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${ICS_TIME_ZONE}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** Wall-clock time in Lomé, as `YYYYMMDDTHHMMSS`. */
export function lomeLocal(d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ICS_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT values: backslash, semicolon, comma and newlines escaped. */
export const icsText = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets continue on the next line after a space (UTF-8 safe). */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

const PRODID = 'PRODID:-//Agence Togo Digital//df-onboarding//FR';

export function renderInvite(m: InviteModel): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    PRODID,
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    ...VTIMEZONE,
    'BEGIN:VEVENT',
    `UID:${inviteUid(m.runId, m.stepId)}`,
    `SEQUENCE:${m.sequence}`,
    `DTSTAMP:${utc(m.now ?? new Date())}`,
    `DTSTART;TZID=${ICS_TIME_ZONE}:${lomeLocal(m.start)}`,
    `DTEND;TZID=${ICS_TIME_ZONE}:${lomeLocal(m.end)}`,
    `SUMMARY:${icsText(m.summary)}`,
    `DESCRIPTION:${icsText(m.description)}`,
    `ORGANIZER:mailto:${m.organizer}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${m.attendee}`,
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

export interface CalendarEvent {
  runId: string;
  stepId: string;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  /** A cancelled run publishes its events as CANCELLED so a re-import removes them. */
  cancelled?: boolean;
}

/**
 * A downloadable calendar (METHOD:PUBLISH, no attendees): the same UID per run and step as the
 * emailed invite, so importing it again, or after the invite, updates the events in place.
 */
export function renderCalendar(name: string, events: CalendarEvent[], now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    PRODID,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(name)}`,
    `X-WR-TIMEZONE:${ICS_TIME_ZONE}`,
    ...VTIMEZONE,
    ...events.flatMap((e) => [
      'BEGIN:VEVENT',
      `UID:${inviteUid(e.runId, e.stepId)}`,
      'SEQUENCE:0',
      `DTSTAMP:${utc(now)}`,
      `LAST-MODIFIED:${utc(now)}`,
      `DTSTART;TZID=${ICS_TIME_ZONE}:${lomeLocal(e.start)}`,
      `DTEND;TZID=${ICS_TIME_ZONE}:${lomeLocal(e.end)}`,
      `SUMMARY:${icsText(e.summary)}`,
      `DESCRIPTION:${icsText(e.description)}`,
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
