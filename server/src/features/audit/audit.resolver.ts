import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { AuditEvent, AuditEventConnection } from './audit.types.js';
import { listAuditEvents } from './audit.service.js';
import { ConnectionArgs } from '../../shared/connection-args.js';

@ArgsType()
class AuditEventsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only events about this kind of object, e.g. "Activity".' })
  entityType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events about the object with this id.' })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events of this action, e.g. "cancel".' })
  action?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events made with this token.' })
  tokenId?: string | null;
}

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized('COORDINATOR')
  @Query(() => AuditEventConnection, {
    description: 'The audit log, newest first: every change made through the API. Coordinators only.',
  })
  auditEvents(
    @Ctx() ctx: RequestContext,
    @Args(() => AuditEventsArgs) args: AuditEventsArgs,
  ): Promise<AuditEventConnection> {
    return listAuditEvents(ctx, args);
  }
}

@Resolver(() => AuditEventConnection)
export class AuditEventConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of events matching, over all pages.' })
  totalCount(@Root() connection: AuditEventConnection): Promise<number> {
    return connection.countTotal();
  }
}
