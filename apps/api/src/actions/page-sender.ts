/**
 * Sends the server-rendered pages behind signed links (action pages, credential pages) with their
 * Content-Security-Policy, computed once from the brand colour (its style hashes).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../../../config/env';
import { sendPage, type HtmlResponse } from '../http/html-page';
import { APP_CONFIG } from '../infra/tokens';
import { pageCsp } from './action-pages';

@Injectable()
export class PageSender {
  private readonly csp: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.csp = pageCsp(config.journey.brand.color);
  }

  /** `secret`: a page that shows a credential (see sendPage). */
  send(reply: FastifyReply, page: HtmlResponse, options: { secret?: boolean } = {}): void {
    sendPage(reply, this.csp, page, options);
  }
}
