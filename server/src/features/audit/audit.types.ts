import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../../shared/enums.js';
import { PageInfo } from '../../shared/pagination.js';

@ObjectType({ description: 'One field changed by an audited mutation. Values are JSON text (null when absent).' })
export class AuditChange {
  @Field({ description: 'The field as the API names it, e.g. "title" or "partnerIds".' })
  field: string;

  @Field(() => String, {
    nullable: true,
    description: 'The value before, as JSON; null when the object was created or the value was empty.',
  })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, as JSON; null when the value was cleared.' })
  after: string | null;
}

@ObjectType({ description: 'A change made through the API: who (token), what, when and which fields.' })
export class AuditEvent {
  @Field(() => ID, { description: 'Sequence number of the event; larger is later.' })
  id: string;

  @Field(() => Date, { description: 'When the change was committed (transaction time).' })
  occurredAt: Date;

  @Field({
    description: 'What was done, e.g. "create", "update", "publish", "cancel", "register", "withdraw", "revoke".',
  })
  action: string;

  @Field({
    description: 'The kind of object changed, by its GraphQL type name, e.g. "Activity", "Registration", "ApiToken".',
  })
  entityType: string;

  @Field(() => ID, { description: 'The id of the object changed.' })
  entityId: string;

  @Field(() => Role, {
    nullable: true,
    description: 'Role of the token that made the change; null for the command line.',
  })
  actorRole: Role | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name of the token that made the change ("command line" for the token CLI).',
  })
  actorName: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the token that made the change.' })
  tokenId: string | null;

  @Field(() => String, { nullable: true, description: 'The X-Request-Id of the request, for finding it in the logs.' })
  requestId: string | null;

  @Field(() => [AuditChange], { description: 'The fields that changed, with values before and after.' })
  changes: AuditChange[];
}

@ObjectType({ description: 'An audit event in a list.' })
export class AuditEventEdge {
  @Field({ description: 'Pass as `after` to continue after this event.' })
  cursor: string;

  @Field(() => AuditEvent, { description: 'The event.' })
  node: AuditEvent;
}

@ObjectType({ description: 'A page of audit events, newest first.' })
export class AuditEventConnection {
  @Field(() => [AuditEventEdge], { description: 'The events of this page.' })
  edges: AuditEventEdge[];

  @Field(() => PageInfo, { description: 'Where this page stands.' })
  pageInfo: PageInfo;

  /** Counted only when the client asks for totalCount (see AuditEventConnectionResolver). */
  countTotal: () => Promise<number>;
}
