import { ArgsType, Field, Int } from 'type-graphql';

/**
 * The `first`/`after` arguments every connection takes; a connection with more arguments extends
 * this class (type-graphql inherits the fields). Validated by pageSize and decodeCursor.
 */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 0–100 (default 20).' })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor to continue after (pageInfo.endCursor of the previous page).',
  })
  after?: string | null;
}
