/**
 * Credential hand-over (docs/connectors.md): GET/POST /credentials/:token, public, authorised by
 * the signed one-time link alone. May import the action pages' shell and activities' crypto.
 */
import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module';
import { CredentialLinksRepository } from './credential-links.repository';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';

@Module({
  imports: [ActionsModule],
  controllers: [CredentialsController],
  providers: [CredentialsService, CredentialLinksRepository],
})
export class CredentialsModule {}
