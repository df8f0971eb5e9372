/**
 * Action pages (docs/emails.md): GET/POST /actions/:token, public, authorised by the signed link
 * alone. Form bodies (application/x-www-form-urlencoded) are parsed by Nest's Fastify adapter.
 */
import { Module } from '@nestjs/common';
import { ActionTokensRepository } from './action-tokens.repository';
import { ActionsController } from './actions.controller';
import { ActionsService } from './actions.service';
import { PageSender } from './page-sender';

@Module({
  controllers: [ActionsController],
  providers: [ActionsService, ActionTokensRepository, PageSender],
  exports: [ActionTokensRepository, PageSender],
})
export class ActionsModule {}
