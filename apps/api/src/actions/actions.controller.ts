/** One-click action pages behind the signed links of task emails: HTML in, HTML out, no login. */
import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../../../config/env';
import { Public } from '../auth/roles';
import { APP_CONFIG } from '../infra/tokens';
import type { FormFields } from './action-forms';
import { pageCsp } from './action-pages';
import { sendPage } from '../http/html-page';
import { ActionsService } from './actions.service';

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
    sendPage(reply, this.csp, await this.actions.show(token));
  }

  @Post(':token')
  async submit(
    @Param('token') token: string,
    @Body() body: FormFields,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendPage(reply, this.csp, await this.actions.submit(token, body));
  }
}
