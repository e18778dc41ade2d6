import { Field, InputType } from 'type-graphql';
import { IsRequiredHttpUrl, IsShortText, IsText } from './input-fields.js';

@InputType({ description: 'An image with the alternative text screen readers need.' })
export class ImageInput {
  @Field({ description: 'Absolute http(s) URL of the image.' })
  @IsRequiredHttpUrl()
  url: string;

  @Field({ description: 'Alternative text for screen readers, 1–300 characters (required).' })
  @IsText(300, 'describe the image for screen readers')
  alt: string;

  @Field(() => String, { nullable: true, description: 'Photographer or rights holder, up to 200 characters.' })
  @IsShortText(200)
  credit?: string | null;
}
