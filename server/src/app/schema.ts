import 'reflect-metadata';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import { withDirectFieldResolvers } from './direct-resolvers.js';
import { buildSchema, type AuthChecker, type NonEmptyArray } from 'type-graphql';
import type { RequestContext } from '../shared/context.js';
import { DateTimeScalar } from '../shared/scalars.js';
import { withCleanTextArguments } from '../shared/input-text.js';
import { ForbiddenError, UnauthenticatedError } from '../shared/errors.js';
import * as activity from '../features/activity/index.js';
import * as audit from '../features/audit/index.js';
import * as auth from '../features/auth/index.js';
import * as eventSource from '../features/event-source/index.js';
import * as library from '../features/library/index.js';
import * as material from '../features/material/index.js';
import * as notice from '../features/notice/index.js';
import * as partner from '../features/partner/index.js';
import * as reference from '../features/reference/index.js';
import * as registration from '../features/registration/index.js';
import * as report from '../features/report/index.js';
import * as theme from '../features/theme/index.js';
import { CacheControlDirective } from '../shared/cache-control.js';
import type { Class, FeatureRegistration } from '../shared/feature.js';

/** Every feature with resolvers or entities; each lists its own in its index.ts. */
const features: FeatureRegistration[] = [
  reference,
  library,
  theme,
  partner,
  material,
  notice,
  auth,
  activity,
  registration,
  audit,
  report,
  eventSource,
];

/** Every TypeORM entity of every feature. */
export const entities: Class[] = features.flatMap((feature) => feature.entities);

const [firstResolver, ...otherResolvers] = features.flatMap((feature) => feature.resolvers);
if (!firstResolver) throw new Error('No feature registers a resolver.');
const resolvers: NonEmptyArray<Class> = [firstResolver, ...otherResolvers];

/**
 * `@Authorized()` means any token; `@Authorized('COORDINATOR', …)` names the roles allowed.
 * Anonymous callers get UNAUTHENTICATED, tokens of another role FORBIDDEN.
 */
const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  const role = context.viewer.role;
  if (!role) throw new UnauthenticatedError('This needs an API token: send it as "Authorization: Bearer <token>".');
  if (roles.length && !roles.includes(role))
    throw new ForbiddenError(`This is for ${roles.join(' or ').toLowerCase().replace(/_/g, ' ')} tokens only.`);
  return true;
};

/** type-graphql cannot describe the root types; the contract test wants every type described. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (query)
    query.description = 'Reading Temahub: themes, activities, libraries, partners, reference data and reports.';
  const mutation = schema.getMutationType();
  if (mutation)
    mutation.description = "Changing Temahub: sign-ups, activities, and coordinators' administration. Needs a token.";
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
    .then(withCleanTextArguments)
    .then(withDirectFieldResolvers);
  return cached;
}
