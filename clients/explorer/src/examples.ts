// The partner SDK's operations as GraphiQL tabs: each operation with the fragments it uses,
// read from clients/partner-site/operations/*.graphql when the explorer is built.
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';

const files = import.meta.glob<string>('../../partner-site/operations/*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Example variables for the operations that need some (the demo season's values). */
const VARIABLES: Record<string, unknown> = {
  SearchActivities: { themeSlug: 'vores-natur', municipalityCode: 851, first: 10 },
  ThemePage: { slug: 'vores-natur', activitiesFirst: 5 },
  ThemeBySlug: { slug: 'vores-natur' },
  ActivityDetail: { id: 'paste an activity id from SearchActivities' },
  Libraries: { filter: { municipalityCode: 851 }, first: 10 },
  Library: { id: 'paste a library id from Libraries' },
  Municipalities: { region: 'NORDJYLLAND' },
};

export interface Tab {
  query: string;
  variables?: string;
  headers?: string;
}

export const WELCOME = `# Temahub's GraphQL API. The tabs hold the partner SDK's operations
# (@temahub/partner-site); the docs are behind the book icon on the left.
#
# Reading published content needs no token. Library staff and coordinators
# add their token under "Headers" below:
#   { "Authorization": "Bearer <token>" }
#
# Who am I?
query Viewer {
  viewer {
    role
    tokenName
    library {
      name
    }
  }
}
`;

/** One tab per operation of the partner SDK, in file order. */
export function exampleTabs(): Tab[] {
  const definitions: DefinitionNode[] = Object.keys(files)
    .sort()
    .flatMap((file) => parse(files[file]!).definitions);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const used = (node: OperationDefinitionNode | FragmentDefinitionNode, into: Set<string>): Set<string> => {
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (!into.has(name) && fragments.has(name)) {
          into.add(name);
          used(fragments.get(name)!, into);
        }
      },
    });
    return into;
  };

  return definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      const name = operation.name?.value ?? '';
      const parts = [operation, ...[...used(operation, new Set())].map((f) => fragments.get(f)!)];
      const variables = VARIABLES[name];
      return {
        query: parts.map((p) => print(p)).join('\n\n') + '\n',
        ...(variables ? { variables: JSON.stringify(variables, null, 2) } : {}),
      };
    });
}
