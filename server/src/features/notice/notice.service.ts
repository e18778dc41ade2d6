import { database, type RequestContext } from '../../shared/context.js';
import { NoticeEntity } from './notice.entity.js';
import { Notice } from './notice.types.js';

export function toNotice(e: NoticeEntity): Notice {
  return Object.assign(new Notice(), {
    id: e.id,
    title: e.title,
    body: e.body,
    link: e.link,
    validFrom: e.validFrom,
    validUntil: e.validUntil,
  });
}

/** Notices valid now, newest first. */
export async function activeNotices(ctx: RequestContext, now = new Date()): Promise<Notice[]> {
  const rows = await database(ctx)
    .getRepository(NoticeEntity)
    .createQueryBuilder('n')
    .where('n.valid_from <= :now', { now })
    .andWhere('(n.valid_until IS NULL OR n.valid_until > :now)', { now })
    .orderBy('n.valid_from', 'DESC')
    .addOrderBy('n.id', 'ASC')
    .getMany();
  return rows.map(toNotice);
}
