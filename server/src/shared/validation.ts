import { validate } from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
import { BadUserInputError } from './errors.js';

/** What this module reads of a class-validator ValidationError (also after serialisation). */
export interface ValidationFailureLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailureLike[];
}

/**
 * The first failing constraint, with the dotted path of its field: `prefix.property…`, or the
 * bare property path when there is no prefix (arguments of an @ArgsType class).
 */
export function firstValidationFailure(
  errors: readonly ValidationFailureLike[],
  prefix = '',
): { field: string; message: string } | undefined {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const message = e.constraints ? Object.values(e.constraints)[0] : undefined;
    if (message) return { field, message };
    const nested = firstValidationFailure(e.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/** Validates the arguments of an @ArgsType class: fields are named by their argument names (`filter.near.latitude`). */
export const validateArgs = (): ValidatorFn => validateInput('');

/**
 * Validates an input-object argument with its class-validator decorators and reports the first
 * failure as BAD_USER_INPUT whose `field` is the full path the client wrote (`input.venue.latitude`),
 * the same naming the services use for their business rules. Use as
 * `@Arg('input', () => X, { validateFn: validateInput('input') })`.
 */
export function validateInput(argName: string): ValidatorFn {
  return async (value) => {
    if (value === null || value === undefined || typeof value !== 'object') return;
    const errors = await validate(value as object, { skipMissingProperties: true, forbidUnknownValues: false });
    const failure = firstValidationFailure(errors, argName);
    if (failure) throw new BadUserInputError(`${failure.field}: ${failure.message}`, failure.field);
  };
}
