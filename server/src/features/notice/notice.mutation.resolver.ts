import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { validateInput } from '../../shared/validation.js';
import { CreateNoticeInput } from './notice.inputs.js';
import { createNotice } from './notice.mutation.service.js';
import { Notice } from './notice.types.js';

@Resolver(() => Notice)
export class NoticeMutationResolver {
  @Authorized('COORDINATOR')
  @Mutation(() => Notice, { description: 'Creates a time-boxed notice for the libraries. Coordinators only.' })
  createNotice(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateNoticeInput, {
      validateFn: validateInput('input'),
      description: 'The notice: title, text, an optional link and when it is shown.',
    })
    input: CreateNoticeInput,
  ): Promise<Notice> {
    return createNotice(ctx, input);
  }
}
