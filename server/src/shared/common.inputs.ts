import { IsOptional, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import type { IsURLOptions } from 'validator';
import { Field, InputType } from 'type-graphql';

/** Links must be absolute http(s) URLs: no javascript:, data: or relative links reach a partner site. */
export const HTTP_URL: IsURLOptions = { protocols: ['http', 'https'], require_protocol: true, require_valid_protocol: true };

@InputType({ description: 'An image with the alternative text screen readers need.' })
export class ImageInput {
  @Field({ description: 'Absolute http(s) URL of the image.' })
  @MaxLength(2000, { message: 'url must be at most 2000 characters' })
  @IsUrl(HTTP_URL, { message: 'url must be an absolute http or https URL' })
  url: string;

  @Field({ description: 'Alternative text for screen readers, 1–300 characters (required).' })
  @Length(1, 300, { message: 'alt must be 1–300 characters: describe the image for screen readers' })
  @Matches(/\S/, { message: 'alt must not be blank: describe the image for screen readers' })
  alt: string;

  @Field(() => String, { nullable: true, description: 'Photographer or rights holder, up to 200 characters.' })
  @IsOptional()
  @MaxLength(200, { message: 'credit must be at most 200 characters' })
  credit?: string | null;
}
