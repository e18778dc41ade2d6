import { IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../../shared/enums.js';
import { IsText } from '../../shared/input-fields.js';

@InputType({ description: 'A new API token.' })
export class CreateApiTokenInput {
  @Field({ description: 'What the token is for, 1–200 characters.' })
  @IsText(200)
  name: string;

  @Field(() => Role, { description: 'What the token may do.' })
  role: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'The library of a LIBRARY_STAFF token (required for that role, not allowed for others).',
  })
  @IsOptional()
  libraryId?: string | null;
}
