import { IsEmail, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsShortText, IsText } from '../../shared/input-fields.js';

@InputType({ description: "A library's sign-up for a theme." })
export class RegisterLibraryInput {
  @Field(() => ID, { description: 'The theme to sign up for.' })
  themeId: string;

  @Field(() => ID, { description: 'The library signing up; staff tokens may sign up only their own.' })
  libraryId: string;

  @Field({ description: 'Contact person, 1–200 characters.' })
  @IsText(200)
  contactName: string;

  @Field({ description: "The contact person's e-mail address." })
  @MaxLength(254, { message: 'contactEmail must be at most 254 characters' })
  @IsEmail({}, { message: 'contactEmail must be an e-mail address, e.g. "navn@bibliotek.dk"' })
  contactEmail: string;

  @Field(() => String, { nullable: true, description: 'A note to the coordinators, up to 2000 characters.' })
  @IsShortText(2000)
  note?: string | null;
}
