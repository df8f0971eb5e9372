/**
 * One-time credential retrieval pages behind the link of the hand-over email: public, authorised by
 * the signed link alone, HTML in, HTML out. GET shows a button; only the POST reveals (and burns).
 */
import { Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../../../config/env';
import { pageCsp } from '../actions/action-pages';
import { Public } from '../auth/roles';
import { sendPage } from '../http/html-page';
import { APP_CONFIG } from '../infra/tokens';
import { CredentialsService } from './credentials.service';

@ApiExcludeController()
@Public()
@Controller('credentials')
export class CredentialsController {
  private readonly csp: string;

  constructor(
    private readonly credentials: CredentialsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.csp = pageCsp(config.journey.brand.color);
  }

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, this.csp, await this.credentials.show(token), { secret: true });
  }

  @Post(':token')
  @HttpCode(200)
  async reveal(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, this.csp, await this.credentials.reveal(token), { secret: true });
  }
}
