import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { validateInput } from '../../shared/validation.js';
import { CreateThemeInput, UpdateThemeInput } from './theme.inputs.js';
import { addThemePartner, createTheme, updateTheme } from './theme.mutation.service.js';
import { Theme } from './theme.types.js';

@Resolver(() => Theme)
export class ThemeMutationResolver {
  @Authorized('COORDINATOR')
  @Mutation(() => Theme, { description: 'Creates a theme. Coordinators only. A taken number or slug gives CONFLICT.' })
  createTheme(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateThemeInput, {
      validateFn: validateInput('input'),
      description: 'The new theme: number, slug, title, weeks and sign-up period.',
    })
    input: CreateThemeInput,
  ): Promise<Theme> {
    return createTheme(ctx, input);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Theme, { description: 'Changes a theme; fields left out stay as they are. Coordinators only.' })
  updateTheme(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The theme to change (Theme.id).' }) id: string,
    @Arg('input', () => UpdateThemeInput, {
      validateFn: validateInput('input'),
      description: 'The fields to change; fields left out stay as they are.',
    })
    input: UpdateThemeInput,
  ): Promise<Theme> {
    return updateTheme(ctx, id, input);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Theme, {
    description:
      'Links a national partner to a theme with its role (e.g. "mediepartner"); again with another role changes it. Coordinators only.',
  })
  addThemePartner(
    @Ctx() ctx: RequestContext,
    @Arg('themeId', () => ID, { description: 'The theme to link the partner to (Theme.id).' }) themeId: string,
    @Arg('partnerId', () => ID, { description: 'The partner to link (Partner.id, see the partners query).' })
    partnerId: string,
    @Arg('role', () => String, { description: "The partner's role in the theme, 1–100 characters." }) role: string,
  ): Promise<Theme> {
    return addThemePartner(ctx, themeId, partnerId, role);
  }
}
