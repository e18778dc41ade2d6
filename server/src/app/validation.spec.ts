import 'reflect-metadata';
import { getMetadataStorage as validationRules, ValidationTypes } from 'class-validator';
import { getMetadataStorage as graphqlMetadata } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from './schema.js';
import type { Class } from '../shared/feature.js';

/**
 * Validation runs once, where an argument declares it (validateInput, validateArgs); the schema
 * has no global run beside it. So an argument whose input class carries class-validator rules
 * must declare its validator, and a nested input class with rules must be reached with
 * @ValidateNested, or its rules would silently never run.
 */
const rulesOf = (type: Class) => validationRules().getTargetValidationMetadatas(type, '', true, false);

/** Input classes inside `type` whose rules nothing reaches: a field of that class without @ValidateNested. */
function unreachedRules(type: Class, path: string, seen = new Set<Class>()): string[] {
  if (seen.has(type)) return [];
  seen.add(type);
  const nested = new Set(
    rulesOf(type)
      .filter((m) => m.type === ValidationTypes.NESTED_VALIDATION)
      .map((m) => m.propertyName),
  );
  return graphqlMetadata()
    .fields.filter((f) => f.target === type)
    .flatMap((f) => {
      const fieldType = f.getType();
      if (typeof fieldType !== 'function' || !graphqlMetadata().inputTypes.some((t) => t.target === fieldType))
        return [];
      const inner = `${path}.${f.name}`;
      const own = rulesOf(fieldType as Class).length && !nested.has(f.name) ? [inner] : [];
      return [...own, ...unreachedRules(fieldType as Class, inner, seen)];
    });
}

describe('validation setup', () => {
  beforeAll(async () => {
    await buildAppSchema();
  });

  it('has every argument with rules declare its validator, and no nested rules left unreached', () => {
    const args = graphqlMetadata().params.filter((p) => p.kind === 'arg' || p.kind === 'args');
    expect(args.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const p of args) {
      const type = p.getType();
      if (typeof type !== 'function') continue;
      const where = `${p.target.name}.${p.methodName}(${p.kind === 'arg' ? p.name : '@Args'})`;
      const hasRules = rulesOf(type as Class).length > 0;
      if (hasRules && !p.validateFn) problems.push(`${where}: rules without validateFn`);
      problems.push(...unreachedRules(type as Class, where));
    }
    expect(problems).toEqual([]);
  });

  it('(the check can fail) sees an argument class with rules', () => {
    const cancel = graphqlMetadata().params.find((p) => p.kind === 'args' && p.methodName === 'cancelActivity');
    expect(cancel?.kind === 'args' && rulesOf(cancel.getType() as Class).length).toBeGreaterThan(0);
  });
});
