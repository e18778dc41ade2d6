import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedPaths } from '../../shared/selection.js';
import type { RequestContext } from '../../shared/context.js';
import { ThemeStatus } from '../../shared/enums.js';
import { Material, themeMaterialsLoader } from '../material/index.js';
import { Partner, partnerLoader } from '../partner/index.js';
import { Theme, ThemeConnection, ThemePartnerLink } from './theme.types.js';
import { rememberThemes, themePartnerLinksLoader } from './theme.loaders.js';
import { currentTheme, isRegistrationOpen, listThemes, statusOf, themeBySlug } from './theme.service.js';
import { ConnectionArgs } from '../../shared/connection-args.js';

@ArgsType()
class ThemesArgs extends ConnectionArgs {
  @Field(() => ThemeStatus, { nullable: true, description: 'Only themes with this status today.' })
  status?: ThemeStatus | null;
}

@Resolver(() => Theme)
export class ThemeResolver {
  @Query(() => ThemeConnection, { description: 'All themes, newest first.' })
  async themes(@Ctx() ctx: RequestContext, @Args(() => ThemesArgs) args: ThemesArgs): Promise<ThemeConnection> {
    const page = await listThemes(ctx, args);
    rememberThemes(
      ctx,
      page.edges.map((e) => e.node),
    );
    return page;
  }

  @Query(() => Theme, { nullable: true, description: 'A theme by its URL name, e.g. "vores-natur".' })
  async theme(
    @Ctx() ctx: RequestContext,
    @Arg('slug', () => String, {
      description: 'The theme\'s URL name (Theme.slug), e.g. "vores-natur"; null when no theme has it.',
    })
    slug: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Theme | null> {
    return rememberThemes(ctx, await themeBySlug(ctx, slug, selectedPaths(info)));
  }

  @Query(() => Theme, {
    nullable: true,
    description: 'The ACTIVE theme; else the next UPCOMING; else the most recently ENDED.',
  })
  async currentTheme(@Ctx() ctx: RequestContext): Promise<Theme | null> {
    return rememberThemes(ctx, await currentTheme(ctx));
  }

  @FieldResolver(() => ThemeStatus, { description: "UPCOMING, ACTIVE or ENDED by today's date in Europe/Copenhagen." })
  status(@Root() theme: Theme): ThemeStatus {
    return statusOf(theme);
  }

  @FieldResolver(() => Boolean, { description: 'Whether library staff can sign up right now.' })
  registrationOpen(@Root() theme: Theme): boolean {
    return isRegistrationOpen(theme);
  }

  @FieldResolver(() => [ThemePartnerLink], { description: 'National partners with their role.' })
  partners(@Ctx() ctx: RequestContext, @Root() theme: Theme): Promise<ThemePartnerLink[]> {
    return ctx.loaders.get(themePartnerLinksLoader).load(theme.id);
  }

  @FieldResolver(() => [Material], { description: 'Materials that go with the theme.' })
  materials(@Ctx() ctx: RequestContext, @Root() theme: Theme): Promise<Material[]> {
    return ctx.loaders.get(themeMaterialsLoader).load(theme.id);
  }
}

@Resolver(() => ThemePartnerLink)
export class ThemePartnerResolver {
  @FieldResolver(() => Partner, { description: 'The partner organisation.' })
  async partner(@Ctx() ctx: RequestContext, @Root() link: ThemePartnerLink): Promise<Partner> {
    const partner = await ctx.loaders.get(partnerLoader).load(link.partnerId);
    if (!partner) throw new Error(`theme partner ${link.partnerId} missing`);
    return partner;
  }
}

@Resolver(() => ThemeConnection)
export class ThemeConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of themes matching, over all pages (counted only when asked for).' })
  totalCount(@Root() connection: ThemeConnection): Promise<number> {
    return connection.countTotal();
  }
}
