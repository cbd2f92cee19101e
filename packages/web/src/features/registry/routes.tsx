import type { RouteObject } from 'react-router';
import { LicencePage } from './licence-page';
import { RegistrySearchPage } from './search-page';
import { VerifyPage } from './verify-page';
import './registry.css';

/** The public registry: open to everyone, signed in or not. */
export const registryRoutes: RouteObject[] = [
  { path: 'registry', element: <RegistrySearchPage /> },
  { path: 'registry/verify', element: <VerifyPage /> },
  { path: 'registry/licences/:number', element: <LicencePage /> },
];
