import { TENANT_SUBJECT_ID, type AdminChangeKind } from '../action-kinds';
import type { AdminInputs } from './params';

/**
 * A guided admin change as a person asks for it, in a chat command or on a card: the change, and
 * the group, person and policy by name (or id) as people write them. `resolveAsk` turns the names
 * into directory ids through the DirectoryLookup port; `parseAdminCommand` reads the commands.
 */
export interface AdminAsk {
  kind: AdminChangeKind;
  /** A group's name or id (SMS sign-in; Authenticator for one group first). */
  group?: string;
  /** A person's sign-in name or id (policy exclusion). */
  person?: string;
  /** A Conditional Access policy's name or id (policy exclusion). */
  policy?: string;
  inputs: Omit<AdminInputs, 'groupId'>;
}

/**
 * The commands, as the admin help lists them. What the admin fills in is in capitals, as on the
 * help card: Teams and the Playground take `<word>` for markup and drop it from a message.
 */
export const ADMIN_COMMANDS = [
  'tap policy multi-use [default MINUTES] [max MINUTES]',
  'show app and location [for GROUP]',
  'sms sign-in for GROUP, then one "person, phone" line each (or a CSV file)',
  'guest review [DAYS]',
  'exclusion add PERSON POLICY',
  'exclusion remove PERSON POLICY',
] as const;

/** Tells a chat message apart as one of the commands (first line only; the rest may be CSV). */
export const ADMIN_COMMAND =
  /^\s*(tap policy\b|show app and location\b|sms sign-in for\b|guest review\b|exclusion (add|remove)\b)/i;

export type ParsedCommand = { ok: true; ask: AdminAsk } | { ok: false; problem: string };

function minutes(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/** Reads one of the commands; the problem says how to write it. Pure. */
export function parseAdminCommand(text: string): ParsedCommand {
  const [first = '', ...rest] = text.replace(/\r\n/g, '\n').split('\n');
  const line = first.trim().replace(/\s+/g, ' ');
  const usage = (i: number) => ({
    ok: false as const,
    problem: `Write it as: ${ADMIN_COMMANDS[i]}`,
  });
  let m = /^tap policy multi-use(?: default (\d{1,5}))?(?: max (\d{1,5}))?$/i.exec(line);
  if (/^tap policy\b/i.test(line)) {
    if (!m) return usage(0);
    return {
      ok: true,
      ask: {
        kind: 'tap-policy',
        inputs: { defaultLifetimeMinutes: minutes(m[1]), maximumLifetimeMinutes: minutes(m[2]) },
      },
    };
  }
  m = /^show app and location(?: for (.+))?$/i.exec(line);
  if (/^show app and location\b/i.test(line)) {
    if (!m) return usage(1);
    return { ok: true, ask: { kind: 'authenticator-context', group: m[1]?.trim(), inputs: {} } };
  }
  m = /^sms sign-in for (.+?)[:,]?$/i.exec(line);
  if (/^sms sign-in\b/i.test(line)) {
    if (!m) return usage(2);
    return {
      ok: true,
      ask: { kind: 'sms-sign-in', group: m[1].trim(), inputs: { csv: rest.join('\n') } },
    };
  }
  m = /^guest review(?: (\d{1,4})(?: days)?)?$/i.exec(line);
  if (/^guest review\b/i.test(line)) {
    if (!m) return usage(3);
    return {
      ok: true,
      ask: { kind: 'guest-access-review', inputs: { inactiveDays: minutes(m[1]) } },
    };
  }
  m = /^exclusion (add|remove) (\S+) (?:from |to )?(.+)$/i.exec(line);
  if (/^exclusion\b/i.test(line)) {
    if (!m) return usage(/remove/i.test(line) ? 5 : 4);
    const operation = m[1].toLowerCase() as 'add' | 'remove';
    return {
      ok: true,
      ask: { kind: 'policy-exclusion', person: m[2], policy: m[3].trim(), inputs: { operation } },
    };
  }
  return { ok: false, problem: 'That is not one of the admin change commands.' };
}

/** Finds directory objects by the names people use; each answer is an id or a sentence why not. */
export interface DirectoryLookup {
  findGroup(nameOrId: string): Promise<Found>;
  findUser(upnOrId: string): Promise<Found>;
  findPolicy(nameOrId: string): Promise<Found>;
}

export type Found = { ok: true; id: string; name: string } | { ok: false; problem: string };

export type ResolvedAsk =
  | {
      ok: true;
      kind: AdminChangeKind;
      subjectId: string;
      targetId?: string;
      inputs: AdminInputs;
    }
  | { ok: false; problem: string };

/** The ask with its names turned into ids: the subject, the target and the inputs of a request. */
export async function resolveAsk(ask: AdminAsk, lookup: DirectoryLookup): Promise<ResolvedAsk> {
  const need = (value: string | undefined, what: string) =>
    value && value.trim() !== '' ? undefined : `Say which ${what}.`;
  switch (ask.kind) {
    case 'tap-policy':
    case 'guest-access-review':
      return { ok: true, kind: ask.kind, subjectId: TENANT_SUBJECT_ID, inputs: ask.inputs };
    case 'authenticator-context': {
      if (!ask.group) return { ok: true, kind: ask.kind, subjectId: TENANT_SUBJECT_ID, inputs: {} };
      const group = await lookup.findGroup(ask.group);
      if (!group.ok) return group;
      return {
        ok: true,
        kind: ask.kind,
        subjectId: TENANT_SUBJECT_ID,
        inputs: { groupId: group.id },
      };
    }
    case 'sms-sign-in': {
      const missing = need(ask.group, 'group');
      if (missing) return { ok: false, problem: missing };
      const group = await lookup.findGroup(ask.group!);
      if (!group.ok) return group;
      return { ok: true, kind: ask.kind, subjectId: group.id, inputs: ask.inputs };
    }
    case 'policy-exclusion': {
      const missing = need(ask.person, 'person') ?? need(ask.policy, 'policy');
      if (missing) return { ok: false, problem: missing };
      const [person, policy] = await Promise.all([
        lookup.findUser(ask.person!),
        lookup.findPolicy(ask.policy!),
      ]);
      if (!person.ok) return person;
      if (!policy.ok) return policy;
      return {
        ok: true,
        kind: ask.kind,
        subjectId: person.id,
        targetId: policy.id,
        inputs: ask.inputs,
      };
    }
  }
}
