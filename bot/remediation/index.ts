/** Remediation in Teams: card routes, the Bot Framework notifier and the sweeper. */
export {
  createRemediation,
  registerRemediationRoutes,
  type Remediation,
  type RemediationBotDeps,
} from './routes';
export { startRemediationSweeper, type RunningSweeper, type SweeperOptions } from './sweeper';
export { HelpdeskChannel, addressOf, type HelpdeskChannelConfig } from './channel';
export { TeamsNotifier, referenceOf, type ProactiveAdapter } from './notifier';
