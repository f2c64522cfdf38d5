export { registerHealthRoutes, type HealthBotDeps } from './routes';
