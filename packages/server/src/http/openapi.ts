import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { ZodApp } from './zod-app.js';

export const OPENAPI_PATH = '/api/openapi.json';
export const API_DOCS_PATH = '/api/docs';

/**
 * The OpenAPI 3.1 document is generated from the same zod schemas that validate requests, so the
 * reference cannot drift from the code. The browsable reference is served from the package's own
 * files: nothing is fetched from a CDN.
 */
export async function registerOpenApi(app: ZodApp, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ruqsat API',
        version,
        description:
          'E-licensing: applications, processing under the regulations, signatures and the public licence registry. ' +
          'Errors answer `{ error: { code, message, details? } }`; messages follow Accept-Language (kk, ru, en; kk by default).',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      tags: [
        { name: 'operations', description: 'Probes and metrics for operators and orchestrators.' },
        { name: 'identifiers', description: 'Kazakhstan IIN and BIN.' },
        { name: 'regulations', description: 'The services as their regulations define them.' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: API_DOCS_PATH });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
}
