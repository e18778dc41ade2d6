import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { ThemeReport } from './report.types.js';
import { themeReport } from './report.service.js';

@Resolver(() => ThemeReport)
export class ReportResolver {
  @Authorized('COORDINATOR')
  @Query(() => ThemeReport, { description: 'Coordinators only: sign-ups, coverage and activity figures of a theme, also as CSV.' })
  themeReport(@Ctx() ctx: RequestContext, @Arg('themeId', () => ID, { description: 'The theme to report on (Theme.id); NOT_FOUND for an unknown id.' }) themeId: string): Promise<ThemeReport> {
    return themeReport(ctx, themeId);
  }
}
