/**
 * Putting the OpenAPI document together from its parts: what the route table says of each
 * operation (its id, summary, tag, parameters, whether it needs a sign-in) and the code list of
 * the status table are read from them here, so the handler's bundle does not carry them twice;
 * the rest (bodies, responses, schemas) comes from the parts built with the package.
 */
import type { FieldKind, Route } from './routes';
import { HTTP_STATUS } from './status';

/** @internal A JSON object. */
export type JsonObject = Record<string, unknown>;

/** @internal What the build writes: the document without what the route table and the status table say. */
export interface OpenApiParts {
  readonly operations: Readonly<Record<string, JsonObject>>;
  readonly components: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly [key: string]: unknown;
}

/** @internal The base path the document is checked and linted under; a handler puts its own. */
export const DOCUMENT_BASE_PATH = '/access-links';

const TAGS = { guest: 'Guest links', invite: 'Invite links' } as const;

/** How a form gives a field of each kind. */
const FORM_FIELD: Readonly<Record<FieldKind, JsonObject>> = {
  text: { type: 'string' },
  boolean: { type: 'string', enum: ['true', 'false', 'on', 'off', '1', '0', ''] },
  wholeOrNull: { type: 'string', pattern: '^[0-9]{0,16}$', description: 'Digits, or empty for none.' },
  list: { type: 'array', items: { type: 'string' }, description: 'Repeated, or one field with the items separated by commas, semicolons or lines (or spaces between addresses).' },
};

/** @internal A route's path as the document writes it, after the base path: `/entries/{entryId}/guests`. */
export function documentPath(route: Route): string {
  return `/${route.path.map((part) => (part.startsWith(':') ? `{${part.slice(1)}}` : part)).join('/')}`;
}

/**
 * @internal The document of `routes` under `basePath`, with only the components and tags that
 * those routes reach. The parts given are not changed, though the answer shares objects with them.
 */
export function assembleDocument(parts: OpenApiParts, routes: readonly Route[], basePath: string): JsonObject {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const built = parts.operations[route.operation];
    if (built === undefined) throw new Error(`The OpenAPI parts lack ${route.operation}.`);
    const { body, ...operation } = built as { body?: JsonObject };
    const parameters = [...route.path.filter((part) => part.startsWith(':')).map((part) => part.slice(1)), ...Object.keys(route.query ?? {})];
    (paths[`${basePath}${documentPath(route)}`] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operation,
      summary: route.summary,
      ...(route.method === 'POST' || route.method === 'GET' ? {} : { description: `A form posts it as \`POST\` with \`_method=${route.method}\`.` }),
      tags: [TAGS[route.feature]],
      ...(route.auth === 'none' ? { security: [] } : {}),
      ...(parameters.length > 0 ? { parameters: parameters.map((name) => ({ $ref: `#/components/parameters/${name}` })) } : {}),
      // A state-changing route takes its fields as JSON or as a form, whose `next` asks for a 303.
      ...(route.method === 'GET'
        ? {}
        : {
            requestBody: {
              // An empty body is an empty object: a body is needed only for a field that is.
              required: ((body?.['required'] as unknown[] | undefined) ?? []).length > 0,
              content: {
                ...(body === undefined ? {} : { 'application/json': { schema: body } }),
                'application/x-www-form-urlencoded': {
                  schema: {
                    type: 'object',
                    ...(body?.['required'] === undefined ? {} : { required: body['required'] }),
                    properties: {
                      ...Object.fromEntries(Object.entries(route.fields).map(([field, kind]) => [field, FORM_FIELD[kind]])),
                      next: { $ref: '#/components/schemas/Next' },
                      back: { $ref: '#/components/schemas/Back' },
                    },
                  },
                },
              },
            },
          }),
      ...operation,
    };
  }

  const components: Record<string, Readonly<Record<string, unknown>>> = {
    ...parts.components,
    schemas: { ...parts.components['schemas'], Code: { ...(parts.components['schemas']?.['Code'] as object), enum: Object.keys(HTTP_STATUS) } },
  };
  const reached = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string' && !reached.has(child)) {
          reached.add(child);
          const [kind, name] = child.split('/').slice(2);
          visit(components[kind!]?.[name!]);
        } else {
          visit(child);
        }
      }
    }
  };
  visit(paths);
  const kept: Record<string, Record<string, unknown>> = {};
  for (const [kind, entries] of Object.entries(components)) {
    // Security schemes are named by `security`, not reached by $ref.
    const names = Object.keys(entries).filter((name) => kind === 'securitySchemes' || reached.has(`#/components/${kind}/${name}`));
    if (names.length > 0) kept[kind] = Object.fromEntries(names.map((name) => [name, entries[name]]));
  }
  const { operations: _operations, components: _components, tags, security, ...top } = parts;
  const used = new Set(routes.map((route) => TAGS[route.feature] as string));
  return { ...top, tags: (tags as { name: string }[]).filter((tag) => used.has(tag.name)), paths, components: kept, security };
}
