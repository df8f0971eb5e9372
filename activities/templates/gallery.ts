/**
 * Every email the engine sends, rendered from sample data in each language: the development
 * preview (mailbox page `/previews` of `npm run up`, and `npm run emails:preview`) and the test
 * that no template leaves a placeholder or an untranslated text behind.
 */
import { stepText } from '../../domain/i18n/plan-text';
import { loadLeavingPlan } from '../../domain/plans/leaving.schema';
import { loadPlans } from '../../domain/plans/load-plans';
import { renderCredentialEmail } from './credential.template';
import { renderDigestEmail } from './digest.template';
import { renderInvite } from './ics.template';
import { type Brand, type RenderedEmail } from './layout';
import { renderTaskEmail, type NoticeKind } from './task.template';
import { INSTRUCTIONS, TITLES } from '../../domain/i18n/task-texts';
import { renderWelcomeEmail } from './welcome.template';
import type { Lang } from '../../domain/i18n/lang';

export interface GalleryEntry {
  /** Stable, URL-safe: `<template>` or `<notice>-<kind>`. */
  id: string;
  label: string;
  render(lang: Lang, brand?: Brand): RenderedEmail;
}

export const GALLERY_LANGS: Lang[] = ['fr', 'en'];

const BASE = 'http://localhost:3000';
const SAMPLE_LINK = `${BASE}/actions/sample-token-for-preview-only.not-a-real-signature`;
const RUN = `${BASE}/v1/onboardings/3f1c2a9e-0000-4000-8000-000000000001`;
const HIRE = 'Kodjo Mensah';

const TASK_KINDS = Object.keys(TITLES).filter((k) => /^[A-Z_]+$/.test(k));
const NOTICES = Object.keys(TITLES).filter((k) => !/^[A-Z_]+$/.test(k));
/** As activities/journey/role-email.ts: these task emails carry the meeting as an invite. */
const INVITE_KINDS = new Set([
  'CONFIRM_TOUR',
  'ATTEND_TOUR',
  'REVIEW_CHECKPOINT',
  'SELF_ASSESSMENT',
]);

/** The default plan's step each sample shows (title and description come from the plan). */
const SAMPLE_STEP: Record<string, string> = {
  ACK_DOCUMENT: 'security-sign-off',
  ATTEND_TOUR: 'tour-architecture-overview',
  CONFIRM_TOUR: 'tour-architecture-overview',
  SELF_ASSESSMENT: 'checkpoint-day-90',
  REVIEW_CHECKPOINT: 'checkpoint-day-90',
  APPROVE_ACCESS: 'grant-production-db-read',
  PROVISION_ACCESS: 'grant-production-db-read',
  GENERIC: 'assign-onboarding-buddy',
  'provisioning-failed': 'grant-production-db-read',
  'checkpoint-escalated': 'checkpoint-day-90',
  'access-revoked': 'grant-production-db-read',
  'access-drift': 'checkpoint-day-30',
};

let samplePlan: unknown;
function sampleStep(kind: string, lang: Lang) {
  samplePlan ??= loadPlans()[0]?.plan;
  return SAMPLE_STEP[kind] ? stepText(samplePlan, SAMPLE_STEP[kind], lang) : undefined;
}

function withInvite(email: RenderedEmail, kind: string, lang: Lang): RenderedEmail {
  const end = new Date('2027-01-15T16:00:00Z');
  email.icalEvent = {
    method: 'REQUEST',
    filename: 'invite.ics',
    content: renderInvite({
      runId: '3f1c2a9e-0000-4000-8000-000000000001',
      stepId: 'tour-architecture',
      sequence: 0,
      start: new Date(end.getTime() - 3_600_000),
      end,
      summary: `${TITLES[kind][lang]} — ${HIRE}`,
      description: `${INSTRUCTIONS[kind][lang]}\n\n${SAMPLE_LINK}`,
      organizer: 'onboarding@digital.gouv.tg',
      attendee: 'kodjo.mensah@example.tg',
    }),
  };
  return email;
}

/**
 * A task of the default leaving plan (step `leaving-<id>`), as its owner receives it: its title
 * and checklist from the plan, the leaving journey's instructions; escalated the next working day.
 */
function leavingEntry(notice: 'task' | 'escalation', stepId: string): GalleryEntry {
  const plan = loadLeavingPlan();
  return {
    id: `${notice}-${stepId}`,
    label: `${notice}: leaving task ${stepId}`,
    render: (lang, brand) => {
      const text = stepText(plan, stepId, lang);
      return renderTaskEmail({
        locale: lang,
        notice,
        subjectKey: 'GENERIC',
        stepTitle: text?.title,
        todo: notice === 'task' ? text?.todo : undefined,
        checklist: notice === 'task' ? text?.checklist : undefined,
        leaving: true,
        hireName: HIRE,
        dueAt: '2027-04-28T17:00:00.000Z',
        timeZone: 'Africa/Lome',
        occurrence: notice === 'escalation' ? 1 : undefined,
        link: RUN,
        actionUrl: notice === 'task' ? SAMPLE_LINK : undefined,
        actionTtlHours: 168,
        brand,
      });
    },
  };
}

function taskEntry(notice: NoticeKind, kind: string): GalleryEntry {
  return {
    id: `${notice}-${kind.toLowerCase().replace(/_/g, '-')}`,
    label: `${notice}: ${kind}`,
    render: (lang, brand) => {
      const email = renderTaskEmail({
        locale: lang,
        notice,
        subjectKey: kind,
        stepTitle: sampleStep(kind, lang)?.title,
        todo: notice === 'task' ? sampleStep(kind, lang)?.todo : undefined,
        hireName: HIRE,
        // Friday 15 January 2027, 17:00 in Lomé.
        dueAt: notice === 'notice' ? undefined : '2027-01-15T17:00:00.000Z',
        timeZone: 'Africa/Lome',
        occurrence: notice === 'task' ? undefined : 2,
        link: RUN,
        actionUrl: notice === 'task' || notice === 'reminder' ? SAMPLE_LINK : undefined,
        actionTtlHours: 168,
        summary:
          kind === 'journey-completed'
            ? { tasksDone: 41, acknowledgements: 5, grants: 10 }
            : undefined,
        brand,
      });
      return notice === 'task' && INVITE_KINDS.has(kind) ? withInvite(email, kind, lang) : email;
    },
  };
}

export function emailGallery(): GalleryEntry[] {
  return [
    {
      id: 'welcome',
      label: 'welcome',
      render: (lang, brand) =>
        renderWelcomeEmail({
          fullName: HIRE,
          locale: lang,
          startDate: new Date('2027-01-04'),
          runUrl: RUN,
          brand,
        }),
    },
    ...TASK_KINDS.flatMap((kind) =>
      (['task', 'reminder', 'escalation'] as const).map((n) => taskEntry(n, kind)),
    ),
    ...NOTICES.map((kind) => taskEntry('notice', kind)),
    ...loadLeavingPlan().tasks.flatMap((t) =>
      (['task', 'escalation'] as const).map((n) => leavingEntry(n, `leaving-${t.id}`)),
    ),
    {
      id: 'digest-tech-lead',
      label: 'daily digest (tech lead)',
      render: (lang, brand) =>
        renderDigestEmail({
          locale: lang,
          day: '2027-01-15',
          recipientName: 'Akossiwa Lawson',
          actionTtlHours: 168,
          tasks: [
            {
              kind: 'APPROVE_ACCESS',
              hireName: HIRE,
              dueDate: '2027-01-12',
              overdue: true,
              actionUrl: SAMPLE_LINK,
              runUrl: RUN,
            },
            {
              kind: 'REVIEW_CHECKPOINT',
              hireName: 'Yao Agbeko',
              dueDate: '2027-01-20',
              overdue: false,
              actionUrl: SAMPLE_LINK,
              runUrl: RUN,
            },
          ],
          runs: [
            {
              hireName: HIRE,
              phase: 'ACCESS',
              phaseTitle: { fr: 'Accès', en: 'Access' },
              progressPercent: 35,
              overdueTasks: 1,
              runUrl: RUN,
            },
            {
              hireName: 'Yao Agbeko',
              phase: 'CHECKPOINTS',
              phaseTitle: { fr: 'Points d’étape', en: 'Checkpoints' },
              progressPercent: 80,
              overdueTasks: 0,
              runUrl: RUN,
            },
          ],
          brand,
        }),
    },
    {
      id: 'credential-link',
      label: 'one-time credential link',
      render: (lang, brand) =>
        renderCredentialEmail({
          fullName: HIRE,
          locale: lang,
          system: 'postgres-staging',
          url: `${BASE}/credentials/sample-token-for-preview-only`,
          ttlHours: 72,
          brand,
        }),
    },
  ];
}
