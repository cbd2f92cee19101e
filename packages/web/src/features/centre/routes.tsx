import type { RouteObject } from 'react-router';
import { BookVisitPage } from './book-visit-page';
import { CentreFrame } from './centre-frame';
import { HandOverPage } from './hand-over-page';
import { IntakePage } from './intake-page';
import { QueuePage } from './queue-page';
import { ReceiptPage } from './receipt-page';

/** The service centre's desks (operators only) and the applicant's booking of a visit. */
export const centreRoutes: RouteObject[] = [
  {
    path: 'centre',
    children: [
      {
        index: true,
        element: (
          <CentreFrame>
            <QueuePage />
          </CentreFrame>
        ),
      },
      {
        path: 'intake',
        element: (
          <CentreFrame>
            <IntakePage />
          </CentreFrame>
        ),
      },
      {
        path: 'hand-over',
        element: (
          <CentreFrame>
            <HandOverPage />
          </CentreFrame>
        ),
      },
      {
        path: 'applications/:id',
        element: (
          <CentreFrame>
            <ReceiptPage />
          </CentreFrame>
        ),
      },
    ],
  },
  { path: 'book-visit', element: <BookVisitPage /> },
];
