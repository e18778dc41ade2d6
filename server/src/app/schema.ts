import 'reflect-metadata';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker, type NonEmptyArray } from 'type-graphql';
import type { RequestContext } from '../shared/context.js';
import { DateTimeScalar } from '../shared/scalars.js';
import { withCleanTextArguments } from '../shared/input-text.js';
import { ForbiddenError, UnauthenticatedError } from '../shared/errors.js';
import { ApiTokenEntity } from '../features/auth/index.js';
import { LibraryEntity, LibraryResolver, MunicipalityLibrariesResolver } from '../features/library/index.js';
import { MaterialEntity } from '../features/material/index.js';
import { NoticeEntity, NoticeResolver } from '../features/notice/index.js';
import { PartnerEntity, PartnerResolver } from '../features/partner/index.js';
import { MunicipalityEntity, MunicipalityResolver, RegionEntity, RegionResolver } from '../features/reference/index.js';
import { ThemeEntity, ThemePartnerEntity, ThemeConnectionResolver, ThemePartnerResolver, ThemeResolver } from '../features/theme/index.js';
import { ActivityConnectionResolver, ActivityEntity, ActivityMaterialEntity, ActivityPartnerEntity, ActivityResolver, LibraryActivitiesResolver, ThemeActivitiesResolver } from '../features/activity/index.js';
import { LibraryConnectionResolver, LibraryQueryResolver, ThemeParticipationResolver } from '../features/library/index.js';
import { CacheControlDirective } from '../shared/cache-control.js';
import { ApiTokenResolver, ViewerResolver } from '../features/auth/index.js';
import { AuditEventEntity, AuditResolver } from '../features/audit/index.js';
import { AuditEventConnectionResolver } from '../features/audit/index.js';
import { ReportResolver } from '../features/report/index.js';
import { ThemeMutationResolver } from '../features/theme/index.js';
import { PartnerMutationResolver } from '../features/partner/index.js';
import { NoticeMutationResolver } from '../features/notice/index.js';
import { LibraryMutationResolver } from '../features/library/index.js';
import { ActivityMutationResolver } from '../features/activity/index.js';
import { LibraryRegistrationsResolver, RegistrationEntity, RegistrationResolver } from '../features/registration/index.js';
import { RegistrationConnectionResolver, ThemeRegistrationsResolver } from '../features/registration/index.js';
import { ActivitySourceEntity, ActivitySourceResolver, EventSourceEntity, EventSourceJobEntity, EventSourceResolver, EventSourceRunConnectionResolver, EventSourceRunEntity, EventSourceRunResolver, LibraryEventSourcesResolver } from '../features/event-source/index.js';

/** Every TypeORM entity of every feature. */
export const entities: Function[] = [
  RegionEntity,
  MunicipalityEntity,
  LibraryEntity,
  ThemeEntity,
  ThemePartnerEntity,
  PartnerEntity,
  MaterialEntity,
  NoticeEntity,
  ApiTokenEntity,
  ActivityEntity,
  ActivityPartnerEntity,
  ActivityMaterialEntity,
  RegistrationEntity,
  AuditEventEntity,
  EventSourceEntity, EventSourceRunEntity, ActivitySourceEntity, EventSourceJobEntity,
];

const resolvers: NonEmptyArray<Function> = [
  ThemeResolver,
  ThemePartnerResolver,
  ThemeConnectionResolver,
  MunicipalityResolver,
  RegionResolver,
  LibraryResolver,
  MunicipalityLibrariesResolver,
  PartnerResolver,
  NoticeResolver,
  ActivityResolver,
  ActivityConnectionResolver,
  ThemeActivitiesResolver,
  LibraryActivitiesResolver,
  LibraryQueryResolver,
  ThemeParticipationResolver,
  LibraryConnectionResolver,
  ViewerResolver,
  ApiTokenResolver,
  AuditResolver,
  AuditEventConnectionResolver,
  RegistrationResolver,
  LibraryRegistrationsResolver,
  ThemeRegistrationsResolver,
  RegistrationConnectionResolver,
  ReportResolver,
  ThemeMutationResolver,
  PartnerMutationResolver,
  NoticeMutationResolver,
  LibraryMutationResolver,
  ActivityMutationResolver,
  EventSourceResolver, EventSourceRunResolver, EventSourceRunConnectionResolver, LibraryEventSourcesResolver, ActivitySourceResolver,
];

/**
 * `@Authorized()` means any token; `@Authorized('COORDINATOR', …)` names the roles allowed.
 * Anonymous callers get UNAUTHENTICATED, tokens of another role FORBIDDEN.
 */
const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  const role = context.viewer.role;
  if (!role) throw new UnauthenticatedError('This needs an API token: send it as "Authorization: Bearer <token>".');
  if (roles.length && !roles.includes(role)) throw new ForbiddenError(`This is for ${roles.join(' or ').toLowerCase().replace(/_/g, ' ')} tokens only.`);
  return true;
};

/** type-graphql cannot describe the root types; the contract test wants every type described. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (query) query.description = 'Reading Temahub: themes, activities, libraries, partners, reference data and reports.';
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'Changing Temahub: sign-ups, activities, and coordinators\' administration. Needs a token.';
  return schema;
}

let cached: Promise<GraphQLSchema> | undefined;

/** Builds the schema once per process (type-graphql keeps global metadata). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Validation runs per argument, switched on where declared (validateInput, validateArgs), never a second time globally.
    validate: false,
    authChecker,
    authMode: 'error',
    // Apollo's cache-control plugin reads @cacheControl from the astNodes type-graphql builds.
    directives: [...specifiedDirectives, CacheControlDirective],
  })
    .then(describeRootTypes)
    .then(withCleanTextArguments);
  return cached;
}
