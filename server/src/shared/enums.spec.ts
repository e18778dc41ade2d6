import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLEnumType, printType } from 'graphql';
import { Field, ObjectType, Query, Resolver, buildSchemaSync } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { graphqlEnum, type EnumValue } from './enums.js';

const Weather = graphqlEnum('SpecWeather', 'Weather for the spec.', { SUN: 'Bright.', RAIN: 'Wet.' });
type Weather = EnumValue<typeof Weather>;
const Wind = graphqlEnum('SpecWind', 'Wind for the spec.', ['CALM', 'GALE']);

@ObjectType({ description: 'A forecast.' })
class SpecForecast {
  @Field(() => Weather, { description: 'Weather.' })
  weather: Weather;
  @Field(() => Wind, { description: 'Wind.' })
  wind: EnumValue<typeof Wind>;
}

@Resolver()
class SpecForecastResolver {
  @Query(() => SpecForecast, { description: 'Tomorrow.' })
  tomorrow(): SpecForecast {
    return { weather: Weather.RAIN, wind: Wind.GALE };
  }
}

describe('graphqlEnum', () => {
  it('gives an object whose values are their own names, registered with the name, description and value descriptions', () => {
    expect(Weather).toEqual({ SUN: 'SUN', RAIN: 'RAIN' });
    expect(Wind).toEqual({ CALM: 'CALM', GALE: 'GALE' });
    expect(Object.isFrozen(Weather)).toBe(true);
    const schema = buildSchemaSync({ resolvers: [SpecForecastResolver], validate: false });
    const weather = schema.getType('SpecWeather');
    expect(weather).toBeInstanceOf(GraphQLEnumType);
    expect(printType(weather!)).toBe(
      [
        '"""Weather for the spec."""',
        'enum SpecWeather {',
        '  """Bright."""',
        '  SUN',
        '',
        '  """Wet."""',
        '  RAIN',
        '}',
      ].join('\n'),
    );
    expect(printType(schema.getType('SpecWind')!)).toBe(
      ['"""Wind for the spec."""', 'enum SpecWind {', '  CALM', '  GALE', '}'].join('\n'),
    );
  });

  it('is the one way enums are registered: no other file of server/src calls registerEnumType', () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const callers = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .filter((file) => readFileSync(path.join(src, file), 'utf8').includes('registerEnumType('));
    expect(callers).toEqual([path.join('shared', 'enums.ts')]);
  });
});
