/** Whitelisting validation: unknown fields and wrong types are refused with their JSON paths. */
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, type InvalidParam } from './problem';

function flatten(errors: ValidationError[], prefix = ''): InvalidParam[] {
  return errors.flatMap((e) => {
    const name = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({
      name,
      reason: reason.startsWith(`property ${e.property} should not exist`)
        ? 'is not an accepted field'
        : reason.replace(new RegExp(`^${e.property} `), ''),
    }));
    return [...own, ...flatten(e.children ?? [], name)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => ProblemException.validation(flatten(errors)),
  });
}
