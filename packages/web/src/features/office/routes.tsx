import type { RouteObject } from 'react-router';
import { ApplicationPage } from './application-page';
import { DelegationsPage } from './delegations-page';
import { InboxPage } from './inbox-page';
import { LicenceChangePage } from './licence-change';
import { OfficeFrame } from './office-frame';
import { SigningKeyPage } from './signing-key-page';

/** The licensing authority's back office (staff with a post at an authority). */
export const officeRoutes: RouteObject[] = [
  {
    path: 'office',
    element: <OfficeFrame />,
    children: [
      { index: true, element: <InboxPage /> },
      { path: 'applications/:id', element: <ApplicationPage /> },
      { path: 'delegations', element: <DelegationsPage /> },
      { path: 'signing-key', element: <SigningKeyPage /> },
      { path: 'licences', element: <LicenceChangePage /> },
    ],
  },
];
