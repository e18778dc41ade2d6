import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { validateArgs, validateInput } from '../../shared/validation.js';
import {
  CancelActivityArgs,
  CreateActivityInput,
  ReportAttendanceArgs,
  UpdateActivityInput,
} from './activity.inputs.js';
import {
  cancelActivity,
  createActivity,
  deleteActivity,
  publishActivity,
  reportAttendance,
  updateActivity,
} from './activity.mutation.service.js';
import { Activity } from './activity.types.js';

/** Library staff (own library) and coordinators; partner tokens read only. */
@Resolver(() => Activity)
export class ActivityMutationResolver {
  @Authorized('LIBRARY_STAFF', 'COORDINATOR')
  @Mutation(() => Activity, {
    description: 'Registers an activity as a DRAFT. Staff: own library, signed up for the theme.',
  })
  createActivity(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateActivityInput, {
      validateFn: validateInput('input'),
      description: 'The new activity: its theme, library, time, place and texts.',
    })
    input: CreateActivityInput,
  ): Promise<Activity> {
    return createActivity(ctx, input);
  }

  @Authorized('LIBRARY_STAFF', 'COORDINATOR')
  @Mutation(() => Activity, {
    description: "Fails with CONFLICT when the activity's version is no longer the expected one.",
  })
  updateActivity(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The activity to change (Activity.id).' }) id: string,
    @Arg('version', () => Int, {
      description:
        'The version you read (Activity.version); the update fails with CONFLICT when someone saved in between.',
    })
    version: number,
    @Arg('input', () => UpdateActivityInput, {
      validateFn: validateInput('input'),
      description: 'The fields to change; fields left out stay as they are.',
    })
    input: UpdateActivityInput,
  ): Promise<Activity> {
    return updateActivity(ctx, id, version, input);
  }

  @Authorized('LIBRARY_STAFF', 'COORDINATOR')
  @Mutation(() => Activity, {
    description:
      'Publishes a draft; publishing a published activity changes nothing. A cancelled activity cannot be published again (CONFLICT). Staff: only while their library is signed up for the theme (CONFLICT after a withdrawal; sign up again first).',
  })
  publishActivity(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The draft activity to publish (Activity.id).' }) id: string,
  ): Promise<Activity> {
    return publishActivity(ctx, id);
  }

  @Authorized('LIBRARY_STAFF', 'COORDINATOR')
  @Mutation(() => Activity, {
    description:
      'Cancels a published activity, with a reason for the public. Final: it cannot be edited or published again.',
  })
  cancelActivity(
    @Ctx() ctx: RequestContext,
    @Args(() => CancelActivityArgs, { validateFn: validateArgs() }) { id, reason }: CancelActivityArgs,
  ): Promise<Activity> {
    return cancelActivity(ctx, id, reason);
  }

  @Authorized('LIBRARY_STAFF', 'COORDINATOR')
  @Mutation(() => Activity, {
    description: 'Reports how many came, once the published activity has started (0 or more); again to correct it.',
  })
  reportAttendance(
    @Ctx() ctx: RequestContext,
    @Args(() => ReportAttendanceArgs, { validateFn: validateArgs() }) { id, attendance }: ReportAttendanceArgs,
  ): Promise<Activity> {
    return reportAttendance(ctx, id, attendance);
  }

  @Authorized('LIBRARY_STAFF', 'COORDINATOR')
  @Mutation(() => Boolean, {
    description:
      'Deletes a DRAFT for good, with its partner and material links; returns true. A published or cancelled activity cannot be deleted (CONFLICT): cancel it instead. Staff: own library.',
  })
  deleteActivity(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The draft activity to delete (Activity.id).' }) id: string,
  ): Promise<boolean> {
    return deleteActivity(ctx, id);
  }
}
