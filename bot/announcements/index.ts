/** Announcements in the bot: routes, workers, and the parts they are built from. */
export { registerAnnouncementRoutes, type AnnouncementRouteDeps } from './routes';
export {
  startAnnouncementWorkers,
  type AnnouncementWorkerDeps,
  type AnnouncementWorkerOptions,
} from './workers';
export { ANNOUNCEMENT_QUEUE, type AnnouncementParts } from './services';
