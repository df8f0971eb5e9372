import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ROLES, Roles, type Principal } from '../auth/roles';
import { ApiProblems } from '../http/api-problems';
import { PAYLOAD_CLASSES } from './dto/task-payload.dto';
import { TaskResponseDto } from './dto/task-response.dto';
import { ApiUuidParam, uuidParam } from '../http/params';
import { TasksService } from './tasks.service';

const payloadModels = [...new Set(Object.values(PAYLOAD_CLASSES))];

@ApiTags('tasks')
@ApiBearerAuth()
@ApiExtraModels(...payloadModels)
@Controller({ path: 'tasks', version: '1' })
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('mine')
  @Roles(...ROLES)
  @ApiOperation({
    summary: "The caller's open tasks (any role)",
    description:
      'Hire: the HIRE tasks of their run (matched by the email claim). Tech lead: the TECH_LEAD ' +
      'tasks of the runs they lead. IT: IT tasks. HR, ADMIN: HR tasks. HEAD_OF_DF: HEAD_OF_DF ' +
      'tasks and the TECH_LEAD tasks of every run. Earliest due first.',
  })
  @ApiResponse({ status: 200, type: [TaskResponseDto] })
  @ApiProblems({ 403: 'A HIRE token without an email claim, or no known role' })
  mine(@CurrentPrincipal() caller: Principal): Promise<TaskResponseDto[]> {
    return this.tasks.listMine(caller);
  }

  @Post(':taskId/complete')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiUuidParam('taskId', 'Task id')
  @ApiOperation({
    summary: 'Complete a task (whoever may act on it: see GET /v1/tasks/mine)',
    description:
      'The body depends on the task kind: ACK_DOCUMENT {documentVersion, contentHash}, ' +
      'ATTEND_TOUR {reflection}, SELF_ASSESSMENT {assessment}, REVIEW_CHECKPOINT {decision, ' +
      'newDate (EXTEND), notes?}, APPROVE_ACCESS {approve, reason?}, PROVISION_ACCESS ' +
      '{externalRef}, CONFIRM_TOUR and GENERIC {}. Unknown fields are refused. Completing ' +
      'again with the same body answers 200 again; with another body 409.',
  })
  @ApiBody({ schema: { oneOf: payloadModels.map((m) => ({ $ref: getSchemaPath(m) })) } })
  @ApiResponse({ status: 200, type: TaskResponseDto, description: 'The task as recorded' })
  @ApiProblems({
    400: 'Body invalid for the task kind (problem+json with field paths)',
    404: 'No such task, or not one the caller may act on',
    409: 'Task not open, already completed differently, or the run no longer running (`code`)',
    422: 'Refused by the workflow: e.g. a document version or hash that is not current',
  })
  complete(
    @Param('taskId', uuidParam('taskId')) taskId: string,
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TaskResponseDto> {
    return this.tasks.complete(taskId, body, caller);
  }
}
