import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { validateInput } from '../../shared/validation.js';
import { AddEventSourceInput, UpdateEventSourceInput } from './event-source.inputs.js';
import {
  addEventSource,
  removeEventSource,
  runEventSource,
  updateEventSource,
} from './event-source.mutation.service.js';
import { EventSource, EventSourceRun } from './event-source.types.js';

@Resolver(() => EventSource)
export class EventSourceMutationResolver {
  @Authorized()
  @Mutation(() => EventSource, {
    description:
      "Adds an event source to a library: Temahub imports its theme events from then on (at once in the background, then every IMPORT_INTERVAL_MINUTES). The library's own staff and coordinators; anyone else FORBIDDEN. CONFLICT when the library already has a source with this URL.",
  })
  addEventSource(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AddEventSourceInput, {
      validateFn: validateInput('input'),
      description: 'The library, the kind of source, its URL and how to import.',
    })
    input: AddEventSourceInput,
  ): Promise<EventSource> {
    return addEventSource(ctx, input);
  }

  @Authorized()
  @Mutation(() => EventSource, { description: "Changes an event source. The library's own staff and coordinators." })
  updateEventSource(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The event source.' }) id: string,
    @Arg('input', () => UpdateEventSourceInput, {
      validateFn: validateInput('input'),
      description: 'The fields to change.',
    })
    input: UpdateEventSourceInput,
  ): Promise<EventSource> {
    return updateEventSource(ctx, id, input);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Removes an event source and its runs. Activities imported from it stay, as ordinary Temahub activities. The library's own staff and coordinators.",
  })
  removeEventSource(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The event source.' }) id: string,
  ): Promise<boolean> {
    return removeEventSource(ctx, id);
  }

  @Authorized()
  @Mutation(() => EventSourceRun, {
    description:
      "Runs an event source now and returns the finished run (a source that cannot be fetched or read gives a FAILED run with the reason, not an error). The library's own staff and coordinators.",
  })
  runEventSource(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The event source.' }) id: string,
  ): Promise<EventSourceRun> {
    return runEventSource(ctx, id);
  }
}
