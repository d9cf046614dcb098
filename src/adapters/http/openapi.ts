/** The OpenAPI 3.1 document of the HTTP layer, generated from the route table and the input schemas. */
import * as z from 'zod/mini';
import { guestInputObjects, inviteInputObjects } from '../../services/input-schemas';
import type { Route } from './routes';
import { HTTP_STATUS } from './status';

// The routes' operations; sweep and erasure are not served over HTTP.
const SCHEMAS: Record<string, z.ZodMiniObject | undefined> = Object.fromEntries(
  Object.entries({ ...guestInputObjects, ...inviteInputObjects }).filter(([, schema]) => 'shape' in schema),
) as Record<string, z.ZodMiniObject>;

/** Fields that come from the path, the signed-in user or the cookie, never from the body. */
const NOT_IN_BODY = new Set(['actor', 'claimant', 'entryId', 'token', 'linkId', 'sessionId', 'inviteId', 'clientKey']);

const PARAMETERS: Record<string, string> = {
  token: 'the token of the link or invite URL',
  entryId: 'the entry id, percent-encoded',
  linkId: 'the guest link id (a ULID)',
  sessionId: 'the guest session id (a ULID)',
  inviteId: 'the invite id (a ULID)',
};

const QUERY: Record<string, string> = {
  limit: 'how many items at most (1 to 1000, default 100)',
  cursor: 'the next of the page before',
  status: 'only guests with this status: admitted, waiting or declined',
  state: 'only invites in this state: pending, accepting, accepted, declined, revoked or expired',
};

const ERROR = {
  type: 'object',
  required: ['code', 'message', 'reasons'],
  properties: {
    code: { type: 'string', description: 'The first reason code; its status is in the status table.' },
    message: { type: 'string' },
    reasons: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: Object.keys(HTTP_STATUS) },
          message: { type: 'string' },
          path: { type: 'array', items: { type: ['string', 'number'] }, description: 'The field at fault, for an input refusal.' },
        },
      },
    },
  },
} as const;

function toJson(schema: z.ZodMiniType): Record<string, unknown> {
  const converted = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete converted['$schema'];
  return converted;
}

/** @internal The document for the given routes under a base path. */
export function openApiDocument(routes: readonly Route[], basePath: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const operation = (route: Route) => {
    const schema = SCHEMAS[route.operation];
    const params = route.path.filter((part) => part.startsWith(':')).map((part) => part.slice(1));
    const hasBody = Object.keys(route.fields).length > 0;
    const body =
      schema !== undefined && hasBody
        ? toJson(z.omit(schema, Object.fromEntries(Object.keys(schema.shape).filter((key) => NOT_IN_BODY.has(key)).map((key) => [key, true]))))
        : { type: 'object', properties: Object.fromEntries(Object.keys(route.fields).map((field) => [field, {}])) };
    const success = route.created === true ? '201' : route.operation === 'leaveGuestSession' ? '204' : '200';
    return {
      operationId: route.operation,
      summary: route.summary,
      tags: [route.feature === 'guest' ? 'Guest links' : 'Invite links'],
      ...(route.auth === 'none' ? { security: [] } : {}),
      parameters: [
        ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description: PARAMETERS[name] })),
        ...Object.entries(route.query ?? {}).map(([name, kind]) => ({
          name,
          in: 'query',
          required: false,
          schema: { type: kind === 'wholeOrNull' ? 'integer' : 'string' },
          description: QUERY[name],
        })),
      ],
      ...(hasBody
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: body },
                'application/x-www-form-urlencoded': {
                  schema: {
                    ...body,
                    properties: {
                      ...((body['properties'] as object | undefined) ?? {}),
                      next: { type: 'string', description: 'A path on this site: answer 303 to it on success.' },
                      back: { type: 'string', description: 'A path on this site: answer 303 to it, with ?code=, on a refusal.' },
                    },
                  },
                },
              },
            },
          }
        : {}),
      responses: {
        [success]: {
          description: 'Done; the body is what the library operation of the same name answers.',
          ...(success === '204' ? {} : { content: { 'application/json': { schema: { type: 'object' } } } }),
        },
        ...(route.operation === 'checkGuestSession'
          ? { '202': { description: 'GUEST_WAITING: the guest waits for a moderator.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } }
          : {}),
        ...(route.auth === 'none' ? {} : { '401': { $ref: '#/components/responses/Error' } }),
        ...(route.limits.length > 0 ? { '429': { $ref: '#/components/responses/Error' } } : {}),
        default: { $ref: '#/components/responses/Error' },
      },
    };
  };
  const base = basePath === '' ? '' : basePath;
  for (const route of routes) {
    const path = `${base}/${route.path.map((part) => (part.startsWith(':') ? `{${part.slice(1)}}` : part)).join('/')}`;
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  paths[`${base}/openapi.json`] = {
    get: { operationId: 'openApi', summary: 'This document.', security: [], responses: { '200': { description: 'The document.' } } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'access-links',
      version: '1',
      description:
        'Guest links and invite links for one media entry. A refusal answers { code, message, reasons } with the status of its first code.',
    },
    paths,
    components: {
      schemas: { Error: ERROR },
      responses: { Error: { description: 'A refusal or an error.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
      securitySchemes: { host: { type: 'apiKey', in: 'cookie', name: 'session', description: "The host's own sign-in; the handler asks `authenticate`." } },
    },
    security: [{ host: [] }],
  };
}
