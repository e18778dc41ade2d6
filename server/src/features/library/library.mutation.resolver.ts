import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { validateInput } from '../../shared/validation.js';
import { CreateLibraryInput } from './library.inputs.js';
import { createLibrary } from './library.mutation.service.js';
import { Library } from './library.types.js';

@Resolver(() => Library)
export class LibraryMutationResolver {
  @Authorized('COORDINATOR')
  @Mutation(() => Library, { description: 'Creates a library. Coordinators only. A taken ISIL gives CONFLICT.' })
  createLibrary(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateLibraryInput, {
      validateFn: validateInput('input'),
      description: 'The new library: name, municipality, ISIL, address and contact details.',
    })
    input: CreateLibraryInput,
  ): Promise<Library> {
    return createLibrary(ctx, input);
  }
}
