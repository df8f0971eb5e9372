/** IT's provisioning queue and grant retries (docs/api.md, "Provisioning queue"). */
import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { ProvisioningController } from './provisioning.controller';
import { ProvisioningRepository } from './provisioning.repository';
import { ProvisioningService } from './provisioning.service';

@Module({
  imports: [TasksModule],
  controllers: [ProvisioningController],
  providers: [ProvisioningService, ProvisioningRepository],
})
export class ProvisioningModule {}
