import type { AppConfig } from '../config';
import type { CheckItem } from './types';

/** The self-check's items that read the configuration alone, without asking the tenant. */

export function checkBot(config: AppConfig): CheckItem {
  const { bot } = config;
  if (config.mode === 'local') {
    return {
      id: 'bot',
      title: 'Bot identity',
      status: 'ok',
      detail: 'local mode: no bot id, inbound authentication off (Agents Playground)',
    };
  }
  const detail = `bot id ${bot.appId}, type ${bot.type}${bot.tenantId ? `, tenant ${bot.tenantId}` : ''}`;
  if (bot.type === 'MultiTenant') {
    return {
      id: 'bot',
      title: 'Bot identity',
      status: 'warn',
      detail,
      fix: 'Azure Bot no longer creates multi-tenant bots: use BOT_TYPE=SingleTenant (with BOT_TENANT_ID) or UserAssignedMsi',
    };
  }
  return { id: 'bot', title: 'Bot identity', status: 'ok', detail };
}

export function checkChannel(config: AppConfig): CheckItem {
  const title = 'Helpdesk channel';
  const channel = config.helpdeskChannelId;
  if (!channel) {
    return {
      id: 'helpdesk-channel',
      title,
      status: 'warn',
      detail: 'no helpdesk channel: approval requests and incidents have nowhere to go',
      fix: 'post "@Sign-in Helpdesk use this channel for approvals" in the channel, or set HELPDESK_CHANNEL_ID',
    };
  }
  if (config.mode === 'production' && !/^19:[^\s]+@thread\.(tacv2|skype)$/.test(channel)) {
    return {
      id: 'helpdesk-channel',
      title,
      status: 'fail',
      detail: `HELPDESK_CHANNEL_ID ${channel} is not a Teams channel id`,
      fix: 'copy the id from the channel link (19:...@thread.tacv2)',
    };
  }
  return { id: 'helpdesk-channel', title, status: 'ok', detail: channel };
}
