/** Path parameters of the task and decision routes, refused as 400 problems with their names. */
import { ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { ProblemException } from '../problem/problem';

export const uuidParam = (name: string): ParseUUIDPipe =>
  new ParseUUIDPipe({
    exceptionFactory: () => ProblemException.validation([{ name, reason: 'must be a UUID' }]),
  });

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Plan ids (steps, documents) are kebab-case: anything else cannot name one. */
export const planIdParam = (name: string): PipeTransform<string, string> => ({
  transform(value: string): string {
    if (value.length > 64 || !KEBAB.test(value)) {
      throw ProblemException.validation([{ name, reason: 'must be a kebab-case plan id' }]);
    }
    return value;
  },
});
