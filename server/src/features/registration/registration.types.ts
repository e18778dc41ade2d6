import { Field, ID, ObjectType } from 'type-graphql';
import { RegistrationStatus } from '../../shared/enums.js';

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
