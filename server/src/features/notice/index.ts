export { Notice } from './notice.types.js';
export { NoticeEntity } from './notice.entity.js';
export { NoticeResolver } from './notice.resolver.js';
export { NoticeMutationResolver } from './notice.mutation.resolver.js';
