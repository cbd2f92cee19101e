// Arrivals of a national year: when applications come in, for which service, through which
// channel, of which kind, from whom. The shape is what a national licensing service sees —
// working days busier than days off (which the working calendar says), a morning peak, nothing at
// night at a counter, a trickle at night on the portal, a slow January and a year-end rush, a few
// services taking most applications — with the exact counts drawn from one seeded generator.
import {
  type Applicant,
  type ApplicantKind,
  type Channel,
  type OfficeClock,
  type Regulation,
  type RegulationCatalogue,
  type RequestKind,
  Temporal,
} from '@ruqsat/core';
import { makeBin, makeIin } from '../packages/sandbox/src/identifiers.js';
import { cumulate, type Draws } from './virtual-year-random.js';

export const ARRIVAL_PATTERN = {
  /** January to December: the new-year holidays, the summer holidays, the year-end rush. */
  monthWeights: [0.7, 0.9, 0.95, 1.05, 0.95, 1.0, 0.85, 0.9, 1.1, 1.15, 1.15, 1.3],
  /** Monday to Sunday on a working day (a Saturday worked by decree counts as a Wednesday). */
  weekdayWeights: [1.15, 1.05, 1.0, 0.95, 0.85, 1.0, 1.0],
  /** Portal traffic on a day off, as a share of a working day's: counters and offices are closed. */
  portalOnWeekend: 0.25,
  portalOnHoliday: 0.15,
  /** Relative traffic by local hour, 0–23. */
  hourWeights: {
    portal: [
      0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 4.5, 6, 6.2, 5.5, 4.8, 5.5, 5.8, 5.2, 4.5, 3.5, 2.8, 2.4, 2, 1.4,
      0.8,
    ],
    service_centre: [0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 8, 8, 7, 6, 7, 7, 6, 5, 4, 3, 0, 0, 0, 0],
    authority_office: [0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 8, 8, 6, 0, 6, 6, 5, 4, 2, 0, 0, 0, 0, 0],
  },
  /** Citizen service centres take requests 09:00–20:00 on working days; the office in its office hours. */
  serviceCentreHours: [{ from: '09:00', to: '20:00' }],
  /** Services by popularity rank follow Zipf's law: the first takes about a third of the year. */
  zipfExponent: 1.1,
  channelWeights: { portal: 0.7, service_centre: 0.3, authority_office: 0.1 },
  requestKindWeights: { issue: 0.55, reissue: 0.25, reissue_reorganisation: 0.05, duplicate: 0.15 },
  applicantKindWeights: { legal_entity: 0.6, sole_entrepreneur: 0.25, individual: 0.15 },
  /** Territorial units by population in millions (2026: 17 regions, 3 cities of republican status). */
  regions: {
    almaty: 2.3,
    turkistan: 2.1,
    astana: 1.5,
    'almaty-region': 1.5,
    shymkent: 1.2,
    zhambyl: 1.2,
    karaganda: 1.1,
    aktobe: 0.95,
    kostanay: 0.83,
    akmola: 0.79,
    kyzylorda: 0.84,
    mangystau: 0.8,
    'east-kazakhstan': 0.73,
    pavlodar: 0.75,
    atyrau: 0.7,
    'west-kazakhstan': 0.69,
    zhetysu: 0.69,
    abai: 0.6,
    'north-kazakhstan': 0.53,
    ulytau: 0.22,
  },
} as const satisfies Record<string, unknown>;

const CHANNELS = ['portal', 'service_centre', 'authority_office'] as const satisfies readonly Channel[];
const DAY_MS = 86_400_000;

export interface Arrival {
  /** 0, 1, 2… in the order of arrival. */
  readonly index: number;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly regulation: Regulation;
  readonly requestKind: RequestKind;
  readonly channel: Channel;
  readonly applicant: Applicant;
  /** Who processes it: the regulation's authority, or `<authority>:<region>` for a territorial one. */
  readonly authorityId: string;
}

/** What the year offers: the services with a version in force on some day of it, by popularity. */
export interface ArrivalPlan {
  readonly year: number;
  readonly applications: number;
  /** Service ids, most popular first, with their share of the year. */
  readonly services: readonly { readonly serviceId: string; readonly share: number }[];
  /** The arrivals in time order, day after day. */
  arrivals(): Generator<Arrival>;
  /** How many arrive under each regulation version and channel, for sizing the staff. */
  volumes(): Volume[];
}

export interface Volume {
  readonly regulation: Regulation;
  readonly channel: Channel;
  readonly count: number;
  /** The expected share of a request kind among them. */
  kindShare(kind: RequestKind): number;
  /** Who processes them: the authority, or its territorial units with their shares. */
  readonly authorities: readonly (readonly [string, number])[];
}

/**
 * Plans `applications` arrivals over `year` (local dates in the clock's zone). Which day each
 * arrival lands on is drawn first (so the total is exact); the day's arrivals are then made, in
 * time order, when the simulation reaches that day.
 */
export function planArrivals(input: {
  readonly catalogue: RegulationCatalogue;
  readonly clock: OfficeClock;
  readonly year: number;
  readonly applications: number;
  readonly draws: Draws;
}): ArrivalPlan {
  const { catalogue, clock, year, applications, draws } = input;
  const days = daysOf(year);
  const services = servicesOf(catalogue, days);
  if (services.length === 0) throw new Error(`no service is in force in ${year}`);
  // Popularity: a seeded order of the services, Zipf weights by rank.
  const ranked = shuffle(services, draws);
  const zipf = ranked.map((_, rank) => 1 / (rank + 1) ** ARRIVAL_PATTERN.zipfExponent);
  const zipfTotal = zipf.reduce((a, b) => a + b, 0);
  const serviceSums = cumulate(zipf);

  // Per service and channel, the weight of each day (0 when no version in force offers the channel).
  const dayInfo = days.map((date) => ({ date, info: clock.calendar.day(date) }));
  const inForce = ranked.map((serviceId) => days.map((date) => catalogue.inForce(serviceId, date.toString())));
  const channelSums = ranked.map((_, s) => {
    const offered = CHANNELS.map((c) => inForce[s]?.some((r) => r?.channels.includes(c)) ?? false);
    return cumulate(CHANNELS.map((c, i) => (offered[i] ? ARRIVAL_PATTERN.channelWeights[c] : 0)));
  });
  const daySums = ranked.map((_, s) =>
    CHANNELS.map((channel) =>
      cumulate(
        dayInfo.map(({ date, info }, d) =>
          inForce[s]?.[d]?.channels.includes(channel) ? dayWeight(date, info, channel) : 0,
        ),
      ),
    ),
  );

  const counts = new Uint32Array(days.length * ranked.length * CHANNELS.length);
  for (let i = 0; i < applications; i++) {
    const s = draws.weighted(serviceSums);
    const c = draws.weighted(channelSums[s] as Float64Array);
    const d = draws.weighted(daySums[s]?.[c] as Float64Array);
    const cell = (d * ranked.length + s) * CHANNELS.length + c;
    counts[cell] = (counts[cell] ?? 0) + 1;
  }

  const timeOfDay = Object.fromEntries(CHANNELS.map((c) => [c, minuteSegments(c, clock)])) as Record<Channel, Segments>;
  const regionSums = cumulate(Object.values(ARRIVAL_PATTERN.regions));
  const regionIds = Object.keys(ARRIVAL_PATTERN.regions);
  const dayStarts = [...days, days.at(-1)?.add({ days: 1 })].map(
    (date) => date?.toZonedDateTime({ timeZone: clock.zone }).epochMilliseconds ?? 0,
  );

  function* arrivals(): Generator<Arrival> {
    let index = 0;
    let made = 0;
    for (const [d, date] of days.entries()) {
      const start = dayStarts[d] as number;
      const steadyDay = (dayStarts[d + 1] as number) - start === DAY_MS;
      const today: Omit<Arrival, 'index'>[] = [];
      for (const [s] of ranked.entries()) {
        for (const [c, channel] of CHANNELS.entries()) {
          const count = counts[(d * ranked.length + s) * CHANNELS.length + c] ?? 0;
          const regulation = inForce[s]?.[d];
          if (count === 0 || !regulation) continue;
          for (let k = 0; k < count; k++) {
            const second = secondOfDay(timeOfDay[channel], draws);
            // Local time to an instant: on a day the zone's offset does not change, the day's
            // start plus the seconds; on the day it changes, the zone database decides.
            const at = steadyDay
              ? start + second * 1000
              : date
                  .toPlainDateTime({
                    hour: Math.floor(second / 3600),
                    minute: Math.floor(second / 60) % 60,
                    second: second % 60,
                  })
                  .toZonedDateTime(clock.zone).epochMilliseconds;
            const authorityId =
              regulation.authority.routing === 'territorial'
                ? `${regulation.authority.id}:${regionIds[draws.weighted(regionSums)]}`
                : regulation.authority.id;
            today.push({
              at,
              regulation,
              requestKind: draws.pick(
                regulation.requestKinds.map((k) => [k.kind, ARRIVAL_PATTERN.requestKindWeights[k.kind]]),
              ),
              channel,
              applicant: applicantOf(regulation, draws, made++ % 100_000),
              authorityId,
            });
          }
        }
      }
      today.sort((a, b) => a.at - b.at);
      for (const arrival of today) yield { index: index++, ...arrival };
    }
  }

  function volumes(): Volume[] {
    const byKey = new Map<string, { regulation: Regulation; channel: Channel; count: number }>();
    for (const [d] of days.entries()) {
      for (const [s] of ranked.entries()) {
        for (const [c, channel] of CHANNELS.entries()) {
          const count = counts[(d * ranked.length + s) * CHANNELS.length + c] ?? 0;
          const regulation = inForce[s]?.[d];
          if (count === 0 || !regulation) continue;
          const key = `${regulation.id}|${channel}`;
          const volume = byKey.get(key) ?? { regulation, channel, count: 0 };
          volume.count += count;
          byKey.set(key, volume);
        }
      }
    }
    const regionTotal = Object.values(ARRIVAL_PATTERN.regions).reduce((a, b) => a + b, 0);
    return [...byKey.values()].map(({ regulation, channel, count }) => {
      const kindTotal = regulation.requestKinds.reduce((n, k) => n + ARRIVAL_PATTERN.requestKindWeights[k.kind], 0);
      const authorities: [string, number][] =
        regulation.authority.routing === 'territorial'
          ? Object.entries(ARRIVAL_PATTERN.regions).map(([region, people]) => [
              `${regulation.authority.id}:${region}`,
              people / regionTotal,
            ])
          : [[regulation.authority.id, 1]];
      return {
        regulation,
        channel,
        count,
        kindShare: (kind: RequestKind) => ARRIVAL_PATTERN.requestKindWeights[kind] / kindTotal,
        authorities,
      };
    });
  }

  return {
    year,
    applications,
    volumes,
    services: ranked.map((serviceId, rank) => ({ serviceId, share: (zipf[rank] ?? 0) / zipfTotal })),
    arrivals,
  };
}

function daysOf(year: number): Temporal.PlainDate[] {
  const days: Temporal.PlainDate[] = [];
  for (
    let date = Temporal.PlainDate.from({ year, month: 1, day: 1 });
    date.year === year;
    date = date.add({ days: 1 })
  ) {
    days.push(date);
  }
  return days;
}

function servicesOf(catalogue: RegulationCatalogue, days: readonly Temporal.PlainDate[]): string[] {
  const ids = new Set<string>();
  for (const date of days) for (const r of catalogue.allInForce(date.toString())) ids.add(r.service.id);
  return [...ids].sort();
}

function shuffle<T>(items: readonly T[], draws: Draws): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(draws.next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function dayWeight(
  date: Temporal.PlainDate,
  info: { readonly working: boolean; readonly kind: string },
  channel: Channel,
): number {
  const month = ARRIVAL_PATTERN.monthWeights[date.month - 1] ?? 1;
  if (info.working) {
    const weekday = date.dayOfWeek >= 6 ? 1 : (ARRIVAL_PATTERN.weekdayWeights[date.dayOfWeek - 1] ?? 1);
    return month * weekday;
  }
  if (channel !== 'portal') return 0;
  return month * (info.kind === 'weekend' ? ARRIVAL_PATTERN.portalOnWeekend : ARRIVAL_PATTERN.portalOnHoliday);
}

/** Minute ranges of a local day with their weights: where in the day a channel's arrivals fall. */
interface Segments {
  readonly from: readonly number[];
  readonly to: readonly number[];
  readonly sums: Float64Array;
}

function minuteSegments(channel: Channel, clock: OfficeClock): Segments {
  const windows =
    channel === 'portal'
      ? [{ from: '00:00', to: '24:00' }]
      : channel === 'service_centre'
        ? ARRIVAL_PATTERN.serviceCentreHours
        : clock.hours.periods;
  const from: number[] = [];
  const to: number[] = [];
  const weights: number[] = [];
  for (const window of windows) {
    const [a, b] = [minutes(window.from), minutes(window.to)];
    for (let hour = Math.floor(a / 60); hour * 60 < b; hour++) {
      const start = Math.max(a, hour * 60);
      const end = Math.min(b, hour * 60 + 60);
      const weight = (ARRIVAL_PATTERN.hourWeights[channel][hour] ?? 0) * (end - start);
      if (end <= start || weight <= 0) continue;
      from.push(start);
      to.push(end);
      weights.push(weight);
    }
  }
  return { from, to, sums: cumulate(weights) };
}

function secondOfDay(segments: Segments, draws: Draws): number {
  const i = draws.weighted(segments.sums);
  const from = (segments.from[i] ?? 0) * 60;
  const to = (segments.to[i] ?? 0) * 60;
  return from + Math.floor(draws.next() * (to - from));
}

function minutes(time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
}

function applicantOf(regulation: Regulation, draws: Draws, serial: number): Applicant {
  const kind = draws.pick(
    regulation.applicantKinds.map((k): [ApplicantKind, number] => [k, ARRIVAL_PATTERN.applicantKindWeights[k]]),
  );
  if (kind === 'legal_entity') {
    return { kind, id: makeBin(2000 + Math.floor(draws.next() * 26), 1 + Math.floor(draws.next() * 12), serial) };
  }
  const birth = Temporal.PlainDate.from({ year: 1960, month: 1, day: 1 }).add({
    days: Math.floor(draws.next() * 14_600),
  });
  return { kind, id: makeIin(birth.toString(), draws.chance(0.5) ? 'male' : 'female', serial % 10_000) };
}
