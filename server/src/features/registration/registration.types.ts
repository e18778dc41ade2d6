import { Field, ID, ObjectType } from 'type-graphql';
import { RegistrationStatus } from '../../shared/enums.js';
import { PageInfo } from '../../shared/pagination.js';

@ObjectType({
  description:
    "A library's sign-up (tilmelding) for a theme. Which libraries take part is public; the contact person and note are shown to the library's own staff and to coordinators only.",
})
export class Registration {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id: string;

  /** Resolved to the Theme through the theme loader. */
  themeId: string;

  /** Resolved to the Library through the library loader. */
  libraryId: string;

  @Field(() => RegistrationStatus, { description: 'REGISTERED, or WITHDRAWN after a withdrawal (the row is kept).' })
  status: RegistrationStatus;

  /** Private: exposed through RegistrationResolver, which hides it from other viewers. */
  contactName: string;

  /** Private, as contactName. */
  contactEmail: string;

  /** Private, as contactName. */
  note: string | null;

  @Field(() => Date, { description: 'When the library signed up (again, after a withdrawal).' })
  registeredAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the library withdrew; null while registered.' })
  withdrawnAt: Date | null;
}

@ObjectType({ description: 'A registration in a page of registrations.' })
export class RegistrationEdge {
  @Field({ description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' })
  cursor: string;

  @Field(() => Registration, { description: 'The registration.' })
  node: Registration;
}

@ObjectType({ description: "A page of a theme's registrations, oldest sign-up first. Coordinators only." })
export class RegistrationConnection {
  @Field(() => [RegistrationEdge], { description: 'The registrations of this page.' })
  edges: RegistrationEdge[];

  @Field(() => PageInfo, { description: 'Whether more pages follow and where to continue.' })
  pageInfo: PageInfo;

  /** Counts the matching registrations; resolved as totalCount only when a client asks for it. */
  countTotal: () => Promise<number>;
}
