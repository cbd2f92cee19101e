import type { RouteObject } from 'react-router';

export const officeRoutes: RouteObject[] = [];
