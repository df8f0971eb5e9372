/**
 * One-time credential retrieval pages behind the link of the hand-over email: public, authorised by
 * the signed link alone, HTML in, HTML out. GET shows a button; only the POST reveals (and burns).
 */
import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PageSender } from '../actions/page-sender';
import { Public } from '../auth/roles';
import { CredentialsService } from './credentials.service';

@ApiExcludeController()
@Public()
@Controller('credentials')
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly pages: PageSender,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    this.pages.send(reply, await this.credentials.show(token), { secret: true });
  }

  @Post(':token')
  @HttpCode(200)
  async reveal(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    this.pages.send(reply, await this.credentials.reveal(token), { secret: true });
  }
}
