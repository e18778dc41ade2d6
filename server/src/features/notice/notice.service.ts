import { sql, type RequestContext } from '../../shared/context.js';
import { NOTICE_COLUMNS, type NoticeRecord } from './notice.columns.js';
import { Notice } from './notice.types.js';

export function toNotice(e: NoticeRecord): Notice {
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
  const rows = await sql<NoticeRecord>(
    ctx,
    `SELECT ${NOTICE_COLUMNS} FROM notice n
      WHERE n.valid_from <= $1::timestamptz AND (n.valid_until IS NULL OR n.valid_until > $1::timestamptz)
      ORDER BY n.valid_from DESC, n.id`,
    [now],
  );
  return rows.map(toNotice);
}
