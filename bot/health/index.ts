export { registerHealthRoutes, type HealthBotDeps } from './routes';
export { readinessProbes } from './probes';
export { selfCheckFor } from './self-check';
