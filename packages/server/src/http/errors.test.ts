import { RuqsatError } from '@ruqsat/core';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerFrameworkError, registerErrorHandling } from './errors.js';
import { registerLocale } from './locale.js';
import type { ZodApp } from './zod-app.js';

describe('error handling', () => {
  const logged: unknown[] = [];
  let app: ZodApp;
  beforeAll(async () => {
    app = Fastify({
      logger: { level: 'error', stream: { write: (line: string) => logged.push(JSON.parse(line)) } },
      frameworkErrors: answerFrameworkError,
    }) as unknown as ZodApp;
    registerLocale(app);
    registerErrorHandling(app, 1024);
    app.get('/boom', async () => {
      throw new TypeError('secret internals at /srv/db.ts:42');
    });
    app.get('/domain', async () => {
      throw new RuqsatError('IIN_INVALID_BIRTH_DATE', { field: 'iin' });
    });
    await app.ready();
  });
  afterAll(async () => app.close());

  it('answers an unexpected error with INTERNAL_ERROR and keeps the details in our log', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: {
        code: 'INTERNAL_ERROR',
        message: 'Something went wrong on our side. The request was not carried out; try again later.',
      },
    });
    expect(response.body).not.toContain('secret internals');
    expect(JSON.stringify(logged)).toContain('secret internals');
  });

  it('answers an address that is not valid percent-encoding in the envelope and the asked language', async () => {
    for (const url of ['/domain/%ff', '/boom/%ED%A0%80', '/%']) {
      const response = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'ru' } });
      expect(response.statusCode, url).toBe(400);
      expect(response.json(), url).toEqual({
        error: { code: 'BAD_REQUEST', message: 'Запрос составлен неверно.', details: { in: 'url' } },
      });
    }
  });

  it('answers a domain error with its own status, code and details', async () => {
    const response = await app.inject({ method: 'GET', url: '/domain', headers: { 'accept-language': 'kk' } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({
      error: {
        code: 'IIN_INVALID_BIRTH_DATE',
        message: 'ЖСН-нің алғашқы алты цифры шын туған күнді білдірмейді.',
        details: { field: 'iin' },
      },
    });
  });
});
