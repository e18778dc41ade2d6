import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { validateInput } from '../../shared/validation.js';
import { RegisterLibraryInput } from './registration.inputs.js';
import { registerLibraryForTheme, withdrawRegistration } from './registration.mutation.service.js';
import { Registration } from './registration.types.js';

/** Library staff (own library) and coordinators. */
@Resolver(() => Registration)
export class RegistrationMutationResolver {
  @Authorized('LIBRARY_STAFF', 'COORDINATOR')
  @Mutation(() => Registration, {
    description:
      'Signs a library up for a theme. Idempotent: signing up again returns the existing registration (updated with the new contact details; re-activated after a withdrawal). Staff: own library, while sign-up is open. Coordinators: any library, any time.',
  })
  registerLibraryForTheme(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RegisterLibraryInput, {
      validateFn: validateInput('input'),
      description: 'The theme, the library and its contact person for the theme.',
    })
    input: RegisterLibraryInput,
  ): Promise<Registration> {
    return registerLibraryForTheme(ctx, input);
  }

  @Authorized('LIBRARY_STAFF', 'COORDINATOR')
  @Mutation(() => Registration, {
    description:
      'Withdraws a library from a theme; the registration stays, with status WITHDRAWN. The library can no longer publish activities for the theme, but can still edit drafts, cancel and report attendance.',
  })
  withdrawRegistration(
    @Ctx() ctx: RequestContext,
    @Arg('themeId', () => ID, {
      description: 'The theme to withdraw from; NOT_FOUND when the library never signed up for it.',
    })
    themeId: string,
    @Arg('libraryId', () => ID, {
      description: 'The library to withdraw; staff tokens may withdraw only their own library.',
    })
    libraryId: string,
  ): Promise<Registration> {
    return withdrawRegistration(ctx, themeId, libraryId);
  }
}
