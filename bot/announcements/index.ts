/** Announcements in the bot: routes, workers, and the parts they are built from. */
export { registerAnnouncementRoutes } from './routes';
export { startAnnouncementWorkers, type AnnouncementWorkerOptions } from './workers';
export {
  ANNOUNCEMENT_QUEUE,
  buildAnnouncementServices,
  type AnnouncementParts,
  type AnnouncementServices,
} from './services';
