/** Tenant posture, admin reports and how-to answers in Teams. */
export {
  registerPostureRoutes,
  startPostureSchedule,
  type PostureBot,
  type PostureBotDeps,
} from './posture';
export { registerAnswerRoutes } from './answers';
