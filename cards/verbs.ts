import { z } from 'zod';
import { cardId } from './common/ids';
import { AppError } from '../src/errors';
import {
  ACTION_KINDS,
  ADMIN_CHANGE_KINDS,
  TENANT_SUBJECT_ID,
} from '../src/remediation/action-kinds';
import {
  chooseFields,
  isNotTheGuess,
  knownProblem,
  NOT_THE_GUESS,
  notItFields,
} from './triage/correction';

/**
 * Action.Execute verbs and the data each button carries: the one parser of button data. bot/
 * parses every click here and hands the domain typed commands, never raw card data.
 *
 * A button's data is `{ v, ...ids }` and nothing else: ids of things the server stores, never
 * authority. Who clicked comes from the activity; what the request says and whether the clicker may
 * act on it come from storage at click time. Anything a client sends beyond the declared fields is
 * treated as forged and rejected.
 *
 * `v` is the version of this data shape. Bump ACTION_DATA_VERSION when a verb's fields change, so
 * that buttons on old cards still in chats are refused with a clear message instead of being
 * misread.
 */

export const VERBS = [
  'help',
  'triage.check-again',
  'triage.not-it',
  'triage.choose',
  'helpdesk.ask',
  'request.create',
  'request.approve',
  'request.reject',
  'request.cancel',
  'request.refresh',
  'handoff.take',
  'handoff.reply',
  'handoff.close',
  'handoff.release',
  'handoff.answer',
  'announce.confirm',
  'announce.cancel',
  'announce.report-prompt',
  'admin.change',
] as const;
export type Verb = (typeof VERBS)[number];

export const ACTION_DATA_VERSION = 1;

/** Opaque server-issued id: GUIDs, ULIDs, table keys. No spaces, quotes or markup. */
const id = cardId;
const version = z.literal(ACTION_DATA_VERSION, {
  errorMap: () => ({ message: `expected data version ${ACTION_DATA_VERSION}` }),
});

const onlyVersion = z.object({ v: version }).strict();
/** A stored triage result (the paste's analysis), used to ask for help or re-check it. */
const triageRef = z.object({ v: version, triageId: id }).strict();
/** A remediation request, at the version the card showed (stale cards are refused). */
const requestRef = z
  .object({ v: version, requestId: id, version: z.number().int().min(1) })
  .strict();

/*
 * Teams merges a card's input values into the data on click, as strings (Input.Number and
 * Input.Toggle included), so inputs accept their string forms; an empty input arrives as "" and
 * counts as not given.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = z.string().regex(GUID, 'expected a directory object id (GUID)');
const wholeNumber = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d{1,6}$/, 'expected a whole number'),
  ])
  .transform((value) => Number(value))
  .pipe(z.number().int().min(0).max(100_000));
/*
 * A number typed into an Input.Number. Its range (and whether it is whole) is the domain's to
 * judge at click time, with a message that names the limits; here only its form is checked.
 */
const typedNumber = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d{1,7}(\.\d{1,4})?$/, 'expected a number'),
  ])
  .transform((value) => Number(value))
  .pipe(z.number().finite().min(-1_000_000).max(1_000_000));
const flag = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((value) => value === true || value === 'true');
const blankAsMissing = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = (max: number) =>
  z.preprocess(
    blankAsMissing,
    z.string().trim().max(max, `expected at most ${max} characters`).optional(),
  );

/**
 * A diagnosis card holds several fix forms, and input ids are unique in a card, so each form's
 * note is `fixNote<n>`; a click sends its own form's inputs only, so at most one arrives. It is
 * read as `note`; two at once is not something a card sends.
 */
export const FIX_NOTE_PREFIX = 'fixNote';
const FIX_NOTE = /^fixNote\d$/;

function fixNoteAsNote(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const entries = Object.entries(data);
  const notes = entries.filter(([key]) => FIX_NOTE.test(key));
  if (notes.length !== 1 || 'note' in data) return data;
  return Object.fromEntries([
    ...entries.filter(([key]) => !FIX_NOTE.test(key)),
    ['note', notes[0][1]],
  ]);
}

/**
 * Asking for a gated fix, from a diagnosis card: which fix, for whom, on what. The server checks
 * at click time that the clicker may ask this for that user; the optional inputs are the card's
 * Input fields. `mode: run` is a helpdesk approver running it at once.
 */
const requestCreateFields = z
  .object({
    v: version,
    action: z.enum(ACTION_KINDS),
    // A user or group id, or "tenant" for a change to the tenant's own settings; a command's
    // form may leave it to an input (a user or group typeahead).
    subjectId: z.preprocess(
      blankAsMissing,
      z.union([guid, z.literal(TENANT_SUBJECT_ID)]).optional(),
    ),
    targetId: id.optional(),
    mode: z.enum(['request', 'run']).optional(),
    hours: z.preprocess(blankAsMissing, typedNumber.optional()),
    lifetimeMinutes: z.preprocess(blankAsMissing, typedNumber.optional()),
    oneTimeUse: z.preprocess(blankAsMissing, flag.optional()),
    phoneNumber: optionalText(40),
    // copy-group-members: the groups chosen in the typeahead (Data.Query over tenant groups).
    sourceGroupId: z.preprocess(blankAsMissing, guid.optional()),
    targetGroupId: z.preprocess(blankAsMissing, guid.optional()),
    note: optionalText(500),
  })
  .strict();
const requestCreate = z.preprocess(fixNoteAsNote, requestCreateFields);
/**
 * Asking for a guided admin change from a posture or tenant-finding card. The group, person and
 * policy are names (or ids) typed into the card's inputs and looked up on the server; nothing
 * here is trusted beyond its shape.
 */
const adminChange = z
  .object({
    v: version,
    change: z.enum(ADMIN_CHANGE_KINDS),
    group: optionalText(256),
    /** Authenticator's "one group first" (optional, so apart from the SMS group, which is not). */
    pilotGroup: optionalText(256),
    person: optionalText(256),
    policy: optionalText(256),
    operation: z.preprocess(blankAsMissing, z.enum(['add', 'remove']).optional()),
    csv: optionalText(40_000),
    days: z.preprocess(blankAsMissing, wholeNumber.optional()),
    defaultLifetimeMinutes: z.preprocess(blankAsMissing, wholeNumber.optional()),
    maximumLifetimeMinutes: z.preprocess(blankAsMissing, wholeNumber.optional()),
  })
  .strict();
/** A request for help (Ask the helpdesk); state and rights are read from storage at click time. */
const handoffRef = z.object({ v: version, handoffId: id }).strict();
/** An announcement campaign. */
const announcementRef = z.object({ v: version, announcementId: id }).strict();

const ACTION_DATA = {
  help: onlyVersion,
  'triage.check-again': triageRef,
  // "That's not it" on a reading from words alone, and the problem chosen instead
  // (cards/triage/correction.ts): known problems only, details bounded, nothing else. The guess
  // may also be `unrelated` ("It is a sign-in problem"), which is never a choice.
  'triage.not-it': z.object({ v: version, ...notItFields }).strict(),
  'triage.choose': z
    .object({ v: version, ...chooseFields })
    .strict()
    .refine(isNotTheGuess, NOT_THE_GUESS),
  // Asking the helpdesk for help with a stored triage; one triage gives at most one ask, so a
  // double click cannot open two. `note` is the form's optional Input.Text.
  // From the "None of these" card, `notIt` is the problem the person said it is not (a known
  // problem's id only), so the helpdesk is not handed that reading as the diagnosis.
  'helpdesk.ask': triageRef
    .extend({ note: optionalText(500), notIt: knownProblem.optional() })
    .strict(),
  'request.create': requestCreate,
  'request.approve': requestRef,
  // `reason` is the card's optional Input.Text, which Teams merges into the data on click.
  'request.reject': requestRef.extend({ reason: optionalText(500) }).strict(),
  'request.cancel': requestRef,
  'request.refresh': requestRef,
  'handoff.take': handoffRef,
  // `reply` and `resolution` are the card's Input.Text fields; an empty reply is refused by the
  // domain with a clear line, so it is optional here.
  'handoff.reply': handoffRef.extend({ reply: optionalText(2000) }).strict(),
  'handoff.close': handoffRef.extend({ resolution: optionalText(500) }).strict(),
  'handoff.release': handoffRef,
  // The asker's answer from their own chat; `answer` is that card's Input.Text.
  'handoff.answer': handoffRef.extend({ answer: optionalText(2000) }).strict(),
  'announce.confirm': announcementRef,
  'announce.cancel': announcementRef,
  'announce.report-prompt': announcementRef,
  'admin.change': adminChange,
} satisfies Record<Verb, z.ZodTypeAny>;

/** The data a button with verb V carries, as the bot reads it (inputs converted). */
export type ActionData<V extends Verb> = z.output<(typeof ACTION_DATA)[V]>;
/** The data as a card sends it. */
export type ActionDataInput<V extends Verb> = z.input<(typeof ACTION_DATA)[V]>;

const VERB_SET: ReadonlySet<string> = new Set(VERBS);

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && VERB_SET.has(value);
}

/** An Action.Execute payload that is not one the bot sent: unknown verb, wrong or extra fields. */
export class ActionDataError extends AppError {
  constructor(message: string) {
    super('action-invalid', message, {
      userMessage: 'This button is out of date or was changed. Please use the latest card.',
      status: 400,
    });
    this.name = 'ActionDataError';
  }
}

/**
 * Checks a clicked button's data against its verb. Returns the data typed for that verb, or throws
 * ActionDataError saying which field is wrong. Input values merged in by Teams count as fields:
 * only those a verb declares (request.reject: reason) pass.
 */
export function parseActionData<V extends Verb>(verb: V, data: unknown): ActionData<V>;
export function parseActionData(verb: string, data: unknown): ActionData<Verb>;
export function parseActionData(verb: string, data: unknown): ActionData<Verb> {
  if (!isVerb(verb)) throw new ActionDataError(`unknown verb "${verb}"`);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ActionDataError(`${verb}: expected an object as data`);
  }
  const parsed = ACTION_DATA[verb].safeParse(data);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') + ': ' : ''}${issue.message}`)
      .join('; ');
    throw new ActionDataError(`${verb}: ${detail}`);
  }
  return parsed.data;
}

/** Builds button data for code-built cards, stamped with the current version. */
export function actionData<V extends Verb>(
  verb: V,
  ids: Omit<ActionDataInput<V>, 'v'>,
): ActionData<V> {
  return parseActionData(verb, { ...ids, v: ACTION_DATA_VERSION });
}
