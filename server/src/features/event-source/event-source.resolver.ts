import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { Activity } from '../activity/index.js';
import { Library, libraryLoader } from '../library/index.js';
import { activitySourceLoader, lastRunLoader, librarySourcesLoader, sourceLoader } from './event-source.loaders.js';
import { listRuns, mayReadSources } from './event-source.service.js';
import {
  ActivitySource,
  EventSource,
  EventSourceRun,
  EventSourceRunConnection,
  ImportKeyword,
} from './event-source.types.js';
import { IMPORT_KEYWORDS } from './import/mapping.js';

@Resolver(() => EventSource)
export class EventSourceResolver {
  @Authorized('LIBRARY_STAFF', 'COORDINATOR')
  @Query(() => [ImportKeyword], {
    description:
      'The Danish keyword table that gives imported events their audiences and format. Library staff and coordinators.',
  })
  eventImportKeywords(): ImportKeyword[] {
    return IMPORT_KEYWORDS.map((k) =>
      Object.assign(new ImportKeyword(), {
        keyword: k.keyword,
        audience: k.audience ?? null,
        format: k.format ?? null,
      }),
    );
  }

  @FieldResolver(() => Library, { description: 'The library whose events the source publishes.' })
  async library(@Ctx() ctx: RequestContext, @Root() source: EventSource): Promise<Library> {
    const library = await ctx.loaders.get(libraryLoader).load(source.libraryId);
    if (!library) throw new Error(`library ${source.libraryId} of event source ${source.id} missing`);
    return library;
  }

  @FieldResolver(() => EventSourceRun, { nullable: true, description: 'The latest run; null before the first.' })
  lastRun(@Ctx() ctx: RequestContext, @Root() source: EventSource): Promise<EventSourceRun | null> {
    return ctx.loaders.get(lastRunLoader).load(source.id);
  }

  @FieldResolver(() => EventSourceRunConnection, { description: 'The history of runs, newest first.' })
  runs(
    @Ctx() ctx: RequestContext,
    @Root() source: EventSource,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string | null,
  ): Promise<EventSourceRunConnection> {
    return listRuns(ctx, source.id, first, after);
  }
}

@Resolver(() => EventSourceRun)
export class EventSourceRunResolver {
  @FieldResolver(() => EventSource, { description: 'The source that ran.' })
  async source(@Ctx() ctx: RequestContext, @Root() run: EventSourceRun): Promise<EventSource> {
    const source = await ctx.loaders.get(sourceLoader).load(run.sourceId);
    if (!source) throw new Error(`event source ${run.sourceId} of run ${run.id} missing`);
    return source;
  }
}

@Resolver(() => EventSourceRunConnection)
export class EventSourceRunConnectionResolver {
  @FieldResolver(() => Int, {
    description: 'Number of runs of the source, over all pages (counted only when asked for).',
  })
  totalCount(@Root() connection: EventSourceRunConnection): Promise<number> {
    return connection.countTotal();
  }
}

@Resolver(() => Library)
export class LibraryEventSourcesResolver {
  @FieldResolver(() => [EventSource], {
    nullable: true,
    description:
      "The library's event sources (its website's events, imported as theme activities). Null unless you are the library's own staff or a coordinator.",
  })
  async eventSources(@Ctx() ctx: RequestContext, @Root() library: { id: string }): Promise<EventSource[] | null> {
    if (!mayReadSources(ctx, library.id)) return null;
    return ctx.loaders.get(librarySourcesLoader).load(library.id);
  }
}

@Resolver(() => Activity)
export class ActivitySourceResolver {
  @FieldResolver(() => ActivitySource, {
    nullable: true,
    description: 'Where an imported activity came from; null for activities entered in Temahub.',
  })
  source(@Ctx() ctx: RequestContext, @Root() activity: { id: string }): Promise<ActivitySource | null> {
    return ctx.loaders.get(activitySourceLoader).load(activity.id);
  }
}
