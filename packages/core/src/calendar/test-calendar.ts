// A small calendar for the core tests, independent of the data in calendars/: three years around
// Almaty's move from UTC+6 to UTC+5 (1 March 2024), with holidays on weekends, a religious
// holiday on a weekend, two holidays in a row on a weekend, and a government transfer.
import type { CalendarYear, OfficeHours } from './calendar-data.js';
import { OfficeClock } from './office-clock.js';
import { WorkingCalendar } from './working-calendar.js';

const name = (en: string) => ({ kk: en, ru: en, en });
const holiday = (date: string, en: string, religious = false) => ({
  date,
  name: name(en),
  religious,
  source: 'law',
});
const sources = [{ id: 'law', title: 'test law' }];

export const TEST_YEARS: CalendarYear[] = [
  {
    year: 2023,
    sources,
    holidays: [
      holiday('2023-01-01', 'New Year'), // Sunday → moved to Tue 3 Jan (Mon 2 Jan is a holiday itself)
      holiday('2023-01-02', 'New Year'),
      holiday('2023-01-07', 'Orthodox Christmas', true), // Saturday, religious: not moved
      holiday('2023-03-08', "Women's Day"),
    ],
    transfers: [],
  },
  {
    year: 2024,
    sources,
    holidays: [
      holiday('2024-01-01', 'New Year'),
      holiday('2024-01-02', 'New Year'),
      holiday('2024-03-08', "Women's Day"),
      holiday('2024-03-21', 'Nauryz'),
      holiday('2024-03-22', 'Nauryz'),
      holiday('2024-03-23', 'Nauryz'), // Saturday → moved to Mon 25 Mar
    ],
    transfers: [{ from: '2024-03-16', to: '2024-03-20', source: 'law' }],
  },
  {
    year: 2025,
    sources,
    holidays: [holiday('2025-03-08', "Women's Day"), holiday('2025-03-09', 'Extra day')], // Sat+Sun → Mon 10, Tue 11
    transfers: [],
  },
];

export const TEST_HOURS: OfficeHours = {
  periods: [
    { from: '09:00', to: '13:00' },
    { from: '14:30', to: '18:30' },
  ],
  registrationCutoff: '18:00',
  source: 'test',
};

export const testCalendar = WorkingCalendar.build(TEST_YEARS);
export const testClock = new OfficeClock(testCalendar, 'Asia/Almaty', TEST_HOURS);
