import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { Notice } from './notice.types.js';
import { activeNotices } from './notice.service.js';

@Resolver(() => Notice)
export class NoticeResolver {
  @Query(() => [Notice], { description: 'Notices valid right now, newest first.' })
  activeNotices(@Ctx() ctx: RequestContext): Promise<Notice[]> {
    return activeNotices(ctx);
  }
}
