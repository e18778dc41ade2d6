import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../../shared/enums.js';

@InputType({ description: 'A new API token.' })
export class CreateApiTokenInput {
  @Field({ description: 'What the token is for, 1–200 characters.' })
  @Length(1, 200, { message: 'name must be 1–200 characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @Field(() => Role, { description: 'What the token may do.' })
  role: Role;

  @Field(() => ID, { nullable: true, description: 'The library of a LIBRARY_STAFF token (required for that role, not allowed for others).' })
  @IsOptional()
  libraryId?: string | null;
}
