/**
 * The rules of the credential retrieval pages (docs/connectors.md, "Credential hand-over"). A link
 * is valid when its MAC is ours, its row exists and still holds a sealed credential that the token
 * opens, it was neither revealed nor expired, and its grant was not revoked. GET only shows the
 * button (link scanners prefetch); POST burns the link and shows the credential once.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../config/env';
import { hashActionToken, verifyActionToken } from '../../../../domain/action-tokens';
import { linkKey, unsealCredential, type Credential } from '../../../../domain/sealed-credential';
import { hireActor } from '../../../../workflows/definitions';
import { messageBody, renderPage } from '../actions/action-pages';
import type { HtmlResponse } from '../http/html-page';
import { APP_CONFIG } from '../infra/tokens';
import { CredentialLinksRepository } from './credential-links.repository';
import { credentialBody, revealForm } from './credential-pages';
import { ct, type CredentialTextKey } from '../../../../domain/i18n/credential-texts';
import { langOf, type Lang } from '../../../../domain/i18n/lang';

type Link = NonNullable<Awaited<ReturnType<CredentialLinksRepository['findByHash']>>>;
type Resolved =
  | {
      ok: true;
      link: Link & { sealed: string };
      credential: Credential;
      lang: Lang;
      hireId: string;
    }
  | { ok: false; response: HtmlResponse };

@Injectable()
export class CredentialsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: CredentialLinksRepository,
  ) {}

  async show(token: string): Promise<HtmlResponse> {
    const r = await this.resolve(token);
    if (!r.ok) return r.response;
    const { system } = r.link;
    return this.page(
      200,
      r.lang,
      ct('showTitle', r.lang),
      revealForm(r.lang, system, `/credentials/${token}`),
    );
  }

  async reveal(token: string): Promise<HtmlResponse> {
    const r = await this.resolve(token);
    if (!r.ok) return r.response;
    if (!(await this.links.reveal(r.link, hireActor(r.hireId))))
      return this.message(410, r.lang, 'usedTitle', 'usedBody');
    return this.page(
      200,
      r.lang,
      ct('revealedTitle', r.lang),
      credentialBody(r.lang, r.link.system, r.credential),
    );
  }

  /** Checks the link in order: signature, row, grant, single use, expiry, and that the token opens it. */
  private async resolve(token: string): Promise<Resolved> {
    const fail = (
      status: number,
      lang: Lang,
      title: CredentialTextKey,
      body: CredentialTextKey,
    ): Resolved => ({
      ok: false,
      response: this.message(status, lang, title, body),
    });
    const { secret } = this.config.journey.actionLinks;
    if (!verifyActionToken(secret, token)) return fail(404, 'fr', 'invalidTitle', 'invalidBody');
    const link = await this.links.findByHash(hashActionToken(token));
    const hire = link && (await this.links.hireOf(link.runId));
    if (!link || !hire) return fail(404, 'fr', 'invalidTitle', 'invalidBody');
    const lang = langOf(hire.locale);
    if (await this.links.grantRevoked(link.runId, link.stepId))
      return fail(410, lang, 'revokedTitle', 'revokedBody');
    if (link.revealedAt) return fail(410, lang, 'usedTitle', 'usedBody');
    if (!link.sealed || link.expiresAt <= new Date())
      return fail(410, lang, 'expiredTitle', 'expiredBody');
    let credential: Credential;
    try {
      credential = unsealCredential(link.sealed, linkKey(token));
    } catch {
      return fail(404, lang, 'invalidTitle', 'invalidBody'); // not the token this row was sealed for
    }
    return { ok: true, link: { ...link, sealed: link.sealed }, credential, lang, hireId: hire.id };
  }

  private message(
    status: number,
    lang: Lang,
    title: CredentialTextKey,
    body: CredentialTextKey,
  ): HtmlResponse {
    return this.page(status, lang, ct(title, lang), messageBody(ct(body, lang)));
  }

  private page(status: number, lang: Lang, title: string, body: string): HtmlResponse {
    const { brand } = this.config.journey;
    return {
      status,
      html: renderPage({ lang, brandName: brand.name, brandColor: brand.color, title, body }),
    };
  }
}
