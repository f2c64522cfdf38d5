/**
 * What the announcement workers need besides the sender (proactive-sender.ts): the recipients'
 * message, for announcements that do not carry it rendered already, and the author's progress
 * card, both from the card templates. With botbuilder they are most of a worker process's module
 * loading, and a worker's first send needs neither, so the workers load this module after the
 * sender, on first use or just after they are up (lazy-channel.ts).
 */
export { BotAnnouncementNotifier } from './notifier';
export { composeAnnouncementMessage } from './message-composer';
