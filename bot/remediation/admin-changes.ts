import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { parseActionData } from '../../cards/verbs';
import { AppError } from '../../src/errors';
import {
  ADMIN_COMMAND,
  parseAdminCommand,
  resolveAsk,
  type AdminAsk,
  type DirectoryLookup,
} from '../../src/remediation/admin-changes/ask';
import { ADMIN_CHANGE_KINDS } from '../../src/remediation/action-kinds';
import { isApproverFor, isHelpdesk } from '../../src/remediation/authorize';
import type { RemediationService } from '../../src/remediation/service';
import type { Person } from '../../src/remediation/types';
import { addressOf } from '../conversation-reference';
import { readCsvAttachment } from './csv-attachment';
import { createdReply, problemCard } from './replies';

/**
 * Guided admin changes from Teams: the typed commands (listed in the admin help) and the
 * `admin.change` button of posture and tenant-finding cards. Both make the same request through
 * the remediation service, which checks who may ask and sends it to the admin group to approve.
 */

const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

function actorOf(context: TurnContext): Person {
  const from = context.activity.from;
  if (!from?.aadObjectId) {
    throw new AppError('not-authorized', 'activity without aadObjectId', {
      userMessage: 'The bot could not tell who you are from this chat, so nothing was done.',
    });
  }
  // Their Teams account too: the line that tells them the end @mentions them in a group chat.
  const person: Person = { id: from.aadObjectId };
  if (from.name) person.name = from.name;
  if (from.id) person.teamsId = from.id;
  return person;
}

async function ask(
  context: TurnContext,
  service: RemediationService,
  lookup: DirectoryLookup,
  wanted: AdminAsk,
): Promise<{ line: string }> {
  const actor = actorOf(context);
  const resolved = await resolveAsk(wanted, lookup);
  if (!resolved.ok) {
    await context.sendActivity(
      MessageFactory.attachment(
        CardFactory.adaptiveCard(problemCard('Not found', resolved.problem)),
      ),
    );
    return { line: resolved.problem };
  }
  const result = await service.create({
    actor,
    kind: resolved.kind,
    subjectId: resolved.subjectId,
    targetId: resolved.targetId,
    mode: 'request',
    inputs: { admin: resolved.inputs },
    chat: addressOf(context.activity),
  });
  const reply = createdReply(result, actor);
  const sent = await context.sendActivity(
    MessageFactory.attachment(CardFactory.adaptiveCard(reply.card)),
  );
  const address = addressOf(context.activity);
  if (result.status === 'created' && sent?.id && address) {
    await service.recordRequesterCard(result.request.id, { address, activityId: sent.id });
  }
  return { line: reply.line };
}

export function registerAdminChangeRoutes(
  app: Application<TurnState>,
  deps: { service: RemediationService; lookup: DirectoryLookup },
): void {
  // Only the helpdesk and admins have these commands: anyone else's "SMS sign-in for my phone
  // does not work" is a sign-in problem and goes on to triage.
  const isStaffCommand = async (context: TurnContext): Promise<boolean> => {
    const from = context.activity.from;
    if (!ADMIN_COMMAND.test(context.activity.text ?? '') || !from?.aadObjectId) return false;
    const actor = await deps.service.actor({ id: from.aadObjectId });
    const { policy } = deps.service;
    return (
      isHelpdesk(actor, policy) || ADMIN_CHANGE_KINDS.some((k) => isApproverFor(actor, k, policy))
    );
  };
  app.message(isStaffCommand, async (context) => {
    const parsed = parseAdminCommand(context.activity.text ?? '');
    if (!parsed.ok) {
      await context.sendActivity(parsed.problem);
      return;
    }
    const wanted = parsed.ask;
    if (wanted.kind === 'sms-sign-in' && !wanted.inputs.csv?.trim()) {
      const file = await readCsvAttachment(context.activity.attachments ?? []);
      if (file.problem) {
        await context.sendActivity(file.problem);
        return;
      }
      if (file.text) wanted.inputs = { ...wanted.inputs, csv: file.text };
    }
    await ask(context, deps.service, deps.lookup, wanted);
  });

  app.adaptiveCards.actionExecute('admin.change', async (context, _state, data) => {
    const parsed = parseActionData('admin.change', data);
    const wanted: AdminAsk = {
      kind: parsed.change,
      group: parsed.group ?? parsed.pilotGroup,
      person: parsed.person,
      policy: parsed.policy,
      inputs: {
        csv: parsed.csv,
        inactiveDays: parsed.days,
        operation: parsed.operation,
        defaultLifetimeMinutes: parsed.defaultLifetimeMinutes,
        maximumLifetimeMinutes: parsed.maximumLifetimeMinutes,
      },
    };
    const { line } = await ask(context, deps.service, deps.lookup, wanted);
    // The clicked card stays as it was (it says what is wrong); the request came as a new card.
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: { statusCode: 200, type: MESSAGE_TYPE, value: line } },
    });
    return '';
  });
}
