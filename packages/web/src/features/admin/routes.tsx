import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireWorkspace } from '../../app/guards';
import { CalendarPage, CurrentCalendar } from './calendar-page';
import { DashboardPage } from './dashboard-page';
import { RegulationPage } from './regulation-page';
import { RegulationsPage } from './regulations-page';
import { StaffPage } from './staff-page';
import './admin.css';

const admin = (page: ReactNode) => <RequireWorkspace workspace="admin">{page}</RequireWorkspace>;

/** The administration: dashboards, processes, staff and roles, calendars — for the ministry's administrators. */
export const adminRoutes: RouteObject[] = [
  {
    path: 'admin',
    children: [
      { index: true, element: admin(<DashboardPage />) },
      { path: 'regulations', element: admin(<RegulationsPage />) },
      { path: 'regulations/:id', element: admin(<RegulationPage />) },
      { path: 'staff', element: admin(<StaffPage />) },
      { path: 'calendars', element: admin(<CurrentCalendar />) },
      { path: 'calendars/:year', element: admin(<CalendarPage />) },
    ],
  },
];
