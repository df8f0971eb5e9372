/** One-click action pages behind the signed links of task emails: HTML in, HTML out, no login. */
import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles';
import type { FormFields } from './action-forms';
import { ActionsService } from './actions.service';
import { PageSender } from './page-sender';

@ApiExcludeController()
@Public()
@Controller('actions')
export class ActionsController {
  constructor(
    private readonly actions: ActionsService,
    private readonly pages: PageSender,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    this.pages.send(reply, await this.actions.show(token));
  }

  @Post(':token')
  async submit(
    @Param('token') token: string,
    @Body() body: FormFields,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.pages.send(reply, await this.actions.submit(token, body));
  }
}
