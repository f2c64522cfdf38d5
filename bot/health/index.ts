export { registerHealthRoutes, type HealthBotDeps } from './routes';
export { readinessProbes } from './probes';
