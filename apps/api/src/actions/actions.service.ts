/**
 * The rules of the one-click action pages (docs/emails.md): a link is valid when its MAC is ours,
 * its row exists, it is unused and unexpired, and its task is still open. A submission claims the
 * token atomically, sends `completeTask` as the link's recipient, and gives the token back when the
 * workflow refuses or cannot be reached, so nothing is consumed without being recorded.
 */
import { stepText } from '../../../../domain/i18n/plan-text';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../config/env';
import {
  hashActionToken,
  parseRecipient,
  verifyActionToken,
} from '../../../../domain/action-tokens';
import { documentHash } from '../../../../domain/plans/document-hash';
import { INSTRUCTIONS, TITLES } from '../../../../domain/i18n/task-texts';
import type { PlanFile } from '../../../../domain/plans/plan.schema';
import {
  completeTaskUpdate,
  workflowIdForTask,
  type TaskKind,
} from '../../../../workflows/definitions';
import { APP_CONFIG } from '../infra/tokens';
import { TemporalGateway } from '../infra/temporal-gateway';
import { ProblemException } from '../http/problem';
import { DateRulesService } from '../http/date-rules.service';
import { parseActionForm, type AckDocument, type FormFields } from './action-forms';
import { messageBody, renderPage, taskFormBody, type TaskFormModel } from './action-pages';
import { t, type TextKey } from '../../../../domain/i18n/action-texts';
import { ActionTokensRepository } from './action-tokens.repository';
import type { HtmlResponse } from '../http/html-page';
import { readerDateTime } from '../../../../domain/i18n/dates';
import { langOf, type Lang } from '../../../../domain/i18n/lang';

type Context = NonNullable<Awaited<ReturnType<ActionTokensRepository['findTaskContext']>>>;
type Resolved =
  | { ok: true; tokenId: string; role: string; sub: string; task: Context; lang: Lang }
  | { ok: false; response: HtmlResponse };

@Injectable()
export class ActionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: ActionTokensRepository,
    private readonly temporal: TemporalGateway,
    private readonly dates: DateRulesService,
  ) {}

  async show(token: string): Promise<HtmlResponse> {
    const r = await this.resolve(token);
    if (!r.ok) return r.response;
    return this.form(200, r, token);
  }

  async submit(token: string, fields: FormFields): Promise<HtmlResponse> {
    const r = await this.resolve(token);
    if (!r.ok) return r.response;
    const values = Object.fromEntries(
      Object.entries(fields ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
    );
    const kind = r.task.kind as TaskKind;
    const parsed = parseActionForm(kind, fields ?? {}, this.document(r.task, r.lang));
    if (!parsed.ok) return this.form(422, r, token, { values, errors: parsed.errors });
    const { decision, newDate } = parsed.payload;
    if (
      decision === 'EXTEND' &&
      newDate &&
      !this.dates.isLaterDateAllowed(newDate, r.task.run.timeZone)
    ) {
      return this.form(422, r, token, { values, errors: { newDate: 'dateOutOfRange' } });
    }

    const claimedAt = await this.tokens.claim(r.tokenId);
    if (!claimedAt) return this.message(410, r.lang, 'usedTitle', 'usedBody');
    try {
      const workflowId = workflowIdForTask(r.task.run.workflowId, r.task.taskKey);
      await this.temporal.update(workflowId, completeTaskUpdate, {
        taskKey: r.task.taskKey,
        actor: { sub: r.sub, roles: [r.role] },
        payload: parsed.payload,
      });
    } catch (err) {
      await this.tokens.release(r.tokenId, claimedAt);
      if (err instanceof ProblemException && [409, 422].includes(err.problem.status)) {
        return this.form(err.problem.status, r, token, {
          values,
          refusal: err.problem.detail ?? '',
        });
      }
      return this.message(503, r.lang, 'unavailableTitle', 'unavailableNext');
    }
    return this.message(200, r.lang, 'doneTitle', 'doneBody');
  }

  /** Checks the link in order: signature, row, single use, expiry, task still open. */
  private async resolve(token: string): Promise<Resolved> {
    const { secret } = this.config.journey.actionLinks;
    const fail = (status: number, lang: Lang, title: TextKey, body: TextKey): Resolved => ({
      ok: false,
      response: this.message(status, lang, title, body),
    });
    if (!verifyActionToken(secret, token)) return fail(404, 'fr', 'invalidTitle', 'invalidBody');
    const row = await this.tokens.findByHash(hashActionToken(token));
    if (!row) return fail(404, 'fr', 'invalidTitle', 'invalidBody');
    const task = await this.tokens.findTaskContext(row.runId, row.taskKey);
    if (!task) return fail(404, 'fr', 'invalidTitle', 'invalidBody');
    const { role, sub } = parseRecipient(row.recipient);
    const lang: Lang = role === 'HIRE' ? langOf(task.run.hire.locale) : 'fr';
    if (row.usedAt) return fail(410, lang, 'usedTitle', 'usedBody');
    if (row.expiresAt <= new Date()) return fail(410, lang, 'expiredTitle', 'expiredBody');
    if (task.status !== 'OPEN') return fail(410, lang, 'closedTitle', 'closedBody');
    return { ok: true, tokenId: row.id, role, sub, task, lang };
  }

  private form(
    status: number,
    r: Extract<Resolved, { ok: true }>,
    token: string,
    extra: Partial<TaskFormModel> = {},
  ): HtmlResponse {
    const { task, lang } = r;
    const title = (TITLES[task.kind] ?? TITLES.GENERIC)[lang];
    // People read the plan's title and one sentence of its description, never the step id.
    const text = stepText(task.run.plan?.definition, task.stepId, lang);
    const instructions = (INSTRUCTIONS[task.kind] ?? INSTRUCTIONS.GENERIC)[lang];
    const body = taskFormBody({
      lang,
      kind: task.kind as TaskKind,
      action: `/actions/${token}`,
      hireName: task.run.hire.fullName,
      stepTitle: text?.title ?? title,
      instructions: text?.todo ? `${text.todo} ${instructions}` : instructions,
      dueDate: task.dueAt ? readerDateTime(task.dueAt, lang, task.run.timeZone) : undefined,
      document: this.document(task, lang),
      ...extra,
    });
    return { status, html: this.page(lang, title, body) };
  }

  private message(status: number, lang: Lang, title: TextKey, body: TextKey): HtmlResponse {
    return { status, html: this.page(lang, t(title, lang), messageBody(t(body, lang))) };
  }

  private page(lang: Lang, title: string, body: string): string {
    const { brand } = this.config.journey;
    return renderPage({ lang, brandName: brand.name, brandColor: brand.color, title, body });
  }

  private planStep(task: Context) {
    const plan = task.run.plan?.definition as PlanFile | undefined;
    return plan?.phases.flatMap((p) => p.steps).find((s) => s.id === task.stepId);
  }

  /** The document of an ACK_DOCUMENT task (key `<stepId>:ack:<documentId>`), from the run's plan snapshot. */
  private document(task: Context, lang: Lang): AckDocument | undefined {
    if (task.kind !== 'ACK_DOCUMENT') return undefined;
    const step = this.planStep(task);
    const id = task.taskKey.split(':ack:')[1];
    const doc = step?.kind === 'DOCUMENT_ACK' ? step.documents.find((d) => d.id === id) : undefined;
    if (!doc) return undefined;
    return {
      id: doc.id,
      title: doc.title[lang],
      version: doc.version,
      url: doc.url,
      text: doc.text?.[lang],
      contentHash: documentHash(doc),
    };
  }
}
