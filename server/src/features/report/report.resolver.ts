import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { ThemeReport } from './report.types.js';
import { reportCsv, themeReport } from './report.service.js';

@Resolver(() => ThemeReport)
export class ReportResolver {
  @Authorized('COORDINATOR')
  @Query(() => ThemeReport, {
    description: 'Coordinators only: sign-ups, coverage and activity figures of a theme, also as CSV.',
  })
  themeReport(
    @Ctx() ctx: RequestContext,
    @Arg('themeId', () => ID, { description: 'The theme to report on (Theme.id); NOT_FOUND for an unknown id.' })
    themeId: string,
  ): Promise<ThemeReport> {
    return themeReport(ctx, themeId);
  }

  @FieldResolver(() => String, {
    description:
      'The same figures as CSV (RFC 4180, UTF-8 with a byte-order mark, CRLF line ends), one section per table separated by an empty line: a title line, a header line, the rows.',
  })
  csv(@Root() report: ThemeReport): string {
    return reportCsv(report);
  }
}
