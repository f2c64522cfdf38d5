/**
 * What the announcement workers need to reach the channel: the Bot Framework sender (botbuilder),
 * the recipient's message and the author's progress card (the card templates). They are most of
 * a worker process's module loading, and nothing before the first send needs them, so the
 * workers load this module on first use or just after they are up (lazy-channel.ts).
 */
export { BotProactiveSender } from './proactive-sender';
export { BotAnnouncementNotifier } from './notifier';
export { composeAnnouncementMessage } from './message-composer';
