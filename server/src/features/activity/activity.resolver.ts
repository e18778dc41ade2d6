import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedPaths } from '../../shared/selection.js';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ValidateNested } from 'class-validator';
import { validateArgs } from '../../shared/validation.js';
import type { RequestContext } from '../../shared/context.js';
import { canReadLibraryPrivate } from '../auth/index.js';
import { Library, libraryLoader } from '../library/index.js';
import { Material, activityMaterialsLoader } from '../material/index.js';
import { Partner } from '../partner/index.js';
import { Theme, themeLoader } from '../theme/index.js';
import { ActivityFilter } from './activity.filters.js';
import { activityJsonLd, jsonLdScriptText, type JsonObject } from './activity.json-ld.js';
import { activityLoader, activityPageLoader, activityPartnersLoader } from './activity.loaders.js';
import {
  activityColumnsFor,
  activityPageRequest,
  libraryPropertiesFor,
  partnerPropertiesFor,
  type ActivityReadAhead,
  type ActivityWithReadAhead,
} from './activity.service.js';
import { checkId } from '../../shared/ids.js';
import { NotFoundError } from '../../shared/errors.js';
import { Activity, ActivityConnection, ActivityOrder } from './activity.types.js';
import { ConnectionArgs } from '../../shared/connection-args.js';

@ArgsType()
export class ActivitiesArgs extends ConnectionArgs {
  @Field(() => ActivityFilter, { nullable: true, description: 'Conditions the activities must meet (all of them).' })
  @ValidateNested()
  filter?: ActivityFilter | null;

  @Field(() => ActivityOrder, {
    nullable: true,
    description: 'START_TIME (default), or RELEVANCE together with filter.search.',
  })
  orderBy?: ActivityOrder | null;
}

/** What an activity connection field reads ahead in its page statement, from what the client selects below it. */
/** Read-ahead by selection (selectedPaths gives one set per field of a document). */
const readAheads = new WeakMap<ReadonlySet<string>, ActivityReadAhead>();

function readAheadOf(info: GraphQLResolveInfo): ActivityReadAhead {
  const paths = selectedPaths(info);
  let ahead = readAheads.get(paths);
  if (!ahead) {
    ahead = {
      columns: activityColumnsFor(paths, 'edges.node.'),
      count: paths.has('totalCount'),
      cursors: paths.has('edges.cursor') || paths.has('pageInfo.endCursor'),
      library:
        paths.has('edges.node.library') || paths.has('edges.node.jsonLd') || paths.has('edges.node.jsonLdScript')
          ? libraryPropertiesFor(paths)
          : null,
      municipality: paths.has('edges.node.library.municipality'),
      partners: paths.has('edges.node.partners') ? partnerPropertiesFor(paths) : null,
    };
    readAheads.set(paths, ahead);
  }
  return ahead;
}

@Resolver(() => Activity)
export class ActivityResolver {
  @Query(() => ActivityConnection, {
    description:
      'Activities across all themes and libraries, by start time then id. Anonymous callers see published and cancelled activities of published themes.',
  })
  activities(
    @Ctx() ctx: RequestContext,
    @Args(() => ActivitiesArgs, { validateFn: validateArgs() }) args: ActivitiesArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ActivityConnection> {
    return ctx.loaders.get(activityPageLoader).load(activityPageRequest(args, null, null, readAheadOf(info)));
  }

  @Query(() => Activity, {
    nullable: true,
    description: 'An activity by id; null when it does not exist or is not visible to the caller (e.g. a draft).',
  })
  activity(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The activity id.' }) id: string,
  ): Promise<Activity | null> {
    return ctx.loaders.get(activityLoader).load(checkId(id, 'id', 'activity'));
  }

  @FieldResolver(() => Theme, { description: 'The theme the activity belongs to.' })
  async theme(@Ctx() ctx: RequestContext, @Root() activity: Activity): Promise<Theme> {
    const theme = await ctx.loaders.get(themeLoader).load(activity.themeId);
    // Unreachable while writes and reads share one visibility rule; a clean NOT_FOUND if not.
    if (!theme) throw new NotFoundError('The theme of this activity is not visible to you.', 'theme');
    return theme;
  }

  @FieldResolver(() => Library, { description: 'The organising library.' })
  library(@Ctx() ctx: RequestContext, @Root() activity: ActivityWithReadAhead): Library | Promise<Library> {
    return activity.aheadLibrary ?? this.loadLibrary(ctx, activity);
  }

  private async loadLibrary(ctx: RequestContext, activity: Activity): Promise<Library> {
    const library = await ctx.loaders.get(libraryLoader).load(activity.libraryId);
    if (!library) throw new Error(`library ${activity.libraryId} of activity ${activity.id} missing`);
    return library;
  }

  @FieldResolver(() => [Partner], { description: 'Co-organising partners, by name.' })
  partners(@Ctx() ctx: RequestContext, @Root() activity: ActivityWithReadAhead): Partner[] | Promise<Partner[]> {
    return activity.aheadPartners ?? ctx.loaders.get(activityPartnersLoader).load(activity.id);
  }

  @FieldResolver(() => [Material], { description: 'Materials the activity uses.' })
  materials(@Ctx() ctx: RequestContext, @Root() activity: Activity): Promise<Material[]> {
    return ctx.loaders.get(activityMaterialsLoader).load(activity.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: "Visible to the organising library's staff and to coordinators only.",
  })
  attendance(@Ctx() ctx: RequestContext, @Root() activity: Activity): number | null {
    return canReadLibraryPrivate(ctx, activity.libraryId) ? activity.reportedAttendance : null;
  }

  @FieldResolver(() => GraphQLJSONObject, {
    description:
      'The activity as a schema.org Event (JSON-LD) object. To put it in a page, use jsonLdScript: this object serialised as plain JSON is not safe inside `<script>`.',
  })
  async jsonLd(@Ctx() ctx: RequestContext, @Root() activity: ActivityWithReadAhead): Promise<JsonObject> {
    // A page that selects JSON-LD reads its libraries whole (libraryPropertiesFor).
    return activityJsonLd(
      activity,
      activity.aheadLibrary ?? (await ctx.loaders.get(libraryLoader).load(activity.libraryId)),
    );
  }

  @FieldResolver(() => String, {
    description:
      'The same JSON-LD as JSON text, safe to put as it is between `<script type="application/ld+json">` and `</script>`: ' +
      '<, >, &, U+2028 and U+2029 are escaped as \\u003c, \\u003e, \\u0026, \\u2028 and \\u2029, so no title can end the script element.',
  })
  async jsonLdScript(@Ctx() ctx: RequestContext, @Root() activity: Activity): Promise<string> {
    return jsonLdScriptText(await this.jsonLd(ctx, activity));
  }
}

@Resolver(() => ActivityConnection)
export class ActivityConnectionResolver {
  @FieldResolver(() => Int, {
    description: 'Number of activities matching, over all pages (counted only when asked for).',
  })
  totalCount(@Root() connection: ActivityConnection): Promise<number> {
    return connection.countTotal();
  }
}

@Resolver(() => Theme)
export class ThemeActivitiesResolver {
  @FieldResolver(() => ActivityConnection, {
    description: "The theme's activities that the caller may see, by start time then id.",
  })
  activities(
    @Ctx() ctx: RequestContext,
    @Root() theme: Theme,
    @Args(() => ActivitiesArgs, { validateFn: validateArgs() }) args: ActivitiesArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ActivityConnection> {
    return ctx.loaders.get(activityPageLoader).load(activityPageRequest(args, 'theme', theme.id, readAheadOf(info)));
  }
}

@Resolver(() => Library)
export class LibraryActivitiesResolver {
  @FieldResolver(() => ActivityConnection, {
    description: "The library's activities that the caller may see, by start time then id.",
  })
  activities(
    @Ctx() ctx: RequestContext,
    @Root() library: Library,
    @Args(() => ActivitiesArgs, { validateFn: validateArgs() }) args: ActivitiesArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ActivityConnection> {
    return ctx.loaders
      .get(activityPageLoader)
      .load(activityPageRequest(args, 'library', library.id, readAheadOf(info)));
  }
}
