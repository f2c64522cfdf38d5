import type { Route } from '../route';
import { batchRoutes } from './batch';
import { directoryRoutes } from './directory';

/** Every Graph operation the sandbox answers. */
export const allRoutes: readonly Route[] = [...directoryRoutes, ...batchRoutes];
