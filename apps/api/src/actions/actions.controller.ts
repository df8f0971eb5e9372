/** One-click action pages behind the signed links of task emails: HTML in, HTML out, no login. */
import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../../../config/env';
import { Public } from '../auth/roles';
import { APP_CONFIG } from '../infra/tokens';
import type { FormFields } from './action-forms';
import { pageCsp } from './action-pages';
import { ActionsService, type HtmlResponse } from './actions.service';

@ApiExcludeController()
@Public()
@Controller('actions')
export class ActionsController {
  private readonly csp: string;

  constructor(
    private readonly actions: ActionsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.csp = pageCsp(config.journey.brand.color);
  }

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    this.send(reply, await this.actions.show(token));
  }

  @Post(':token')
  async submit(
    @Param('token') token: string,
    @Body() body: FormFields,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.send(reply, await this.actions.submit(token, body));
  }

  /** The page policy replaces the API's JSON policy (helmet ran in onRequest). */
  private send(reply: FastifyReply, { status, html }: HtmlResponse): void {
    void reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', this.csp)
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex')
      .send(html);
  }
}
