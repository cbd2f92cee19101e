import type { RouteObject } from 'react-router';

export const centreRoutes: RouteObject[] = [];
