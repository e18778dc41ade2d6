import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../../shared/enums.js';

@ObjectType('Viewer', {
  description: 'Who is calling: the role and name of the API token, or nulls for anonymous callers.',
})
export class ViewerInfo {
  @Field(() => Role, { nullable: true, description: "The token's role; null for anonymous callers." })
  role: Role | null;

  @Field(() => String, { nullable: true, description: "The token's name; null for anonymous callers." })
  tokenName: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The token's id (for revocation and the audit log); null for anonymous callers.",
  })
  tokenId: string | null;

  /** Resolved to the Library of a LIBRARY_STAFF token. */
  libraryId: string | null;
}

@ObjectType({ description: 'A newly created API token. The token itself is shown only here, once.' })
export class CreatedApiToken {
  @Field(() => ID, { description: 'Stable identifier (UUID); use it to revoke the token.' })
  id: string;

  @Field({ description: 'What the token is for.' })
  name: string;

  @Field(() => Role, { description: 'What the token may do.' })
  role: Role;

  @Field({ description: 'Shown once; only its hash is stored. Send it as "Authorization: Bearer <token>".' })
  token: string;
}

@ObjectType({ description: 'An API token as coordinators see it: never the token itself.' })
export class ApiToken {
  @Field(() => ID, { description: 'Stable identifier (UUID); use it to revoke the token.' })
  id: string;

  @Field({ description: 'What the token is for, e.g. "Aarhus Bibliotekerne – web platform".' })
  name: string;

  @Field(() => Role, { description: 'What the token may do.' })
  role: Role;

  /** Resolved to the Library of a LIBRARY_STAFF token. */
  libraryId: string | null;

  @Field(() => Date, { description: 'When the token was created.' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Last request with the token (to the minute).' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the token was revoked; revoked tokens get UNAUTHENTICATED.' })
  revokedAt: Date | null;
}
