/** Remediation in Teams: card routes, the announcer of its events, the notifier and the sweeper. */
export { registerRemediationRoutes, type Remediation } from './routes';
export { RemediationAnnouncer } from './announcer';
export { startRemediationSweeper, type RunningSweeper, type SweeperOptions } from './sweeper';
export { startSignInWatcher, type RunningWatcher } from './sign-in-watcher';
export { HelpdeskChannel, type HelpdeskChannelConfig } from './channel';
export {
  TeamsNotifier,
  type ApproverView,
  type CardJson,
  type Notifier,
  type ProactiveAdapter,
} from './notifier';
export { formLimitsSource } from './form-limits';
export { registerSearchRoute, SEARCH_DATASETS } from './search';
