import { z } from 'zod';
import type { LegalTime } from '../../calendar/legal-time.js';
import { yearView } from '../../calendar/year-view.js';
import { ErrorEnvelopeSchema } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';

const Day = z.object({
  date: z.iso.date(),
  weekday: z.string(),
  kind: z.string(),
  reason: z.string(),
  sources: z.array(z.string()),
});

/**
 * The working-day calendar every legal term is counted in — public, as the government publishes
 * it. The calendars are data in the repository (calendars/kz/YYYY.yaml, each citing its decree),
 * changed by a reviewed commit, not through the API (decision 0007).
 */
export function registerCalendarRoutes(app: ZodApp, legalTime: LegalTime): void {
  app.get(
    '/api/v1/calendars/:year',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference'],
        summary:
          'A year of Kazakhstan’s working-day calendar: working days, days off with their reasons, worked weekends, sources.',
        params: z.object({ year: z.coerce.number().int().min(1900).max(2999) }),
        response: {
          200: z.object({
            year: z.number().int(),
            workingDays: z.number().int(),
            daysOff: z.array(Day),
            workedWeekends: z.array(Day),
            sources: z.array(z.object({ id: z.string(), title: z.string() }).passthrough()),
          }),
          400: ErrorEnvelopeSchema,
          422: ErrorEnvelopeSchema,
        },
      },
    },
    async (request) => yearView(legalTime.calendar, request.params.year, request.locale),
  );
}
