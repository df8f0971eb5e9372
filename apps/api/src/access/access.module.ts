/**
 * Access reconciliation from the API (POST /v1/onboardings/:id/access/verify). The verification
 * itself runs in the worker (workflows/verify-access.workflow.ts): the API holds no connector secret.
 */
import { Module } from '@nestjs/common';
import { AccessController } from './access.controller';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';

@Module({
  controllers: [AccessController],
  providers: [AccessService, AccessRepository],
})
export class AccessModule {}
