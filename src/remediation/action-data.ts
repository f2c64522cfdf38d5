import { z } from 'zod';
import { ACTION_DATA_VERSION, ActionDataError } from '../../cards/verbs';
import { ACTION_KINDS } from './action-kinds';

/**
 * What remediation buttons carry, checked strictly: anything beyond the declared fields is
 * treated as forged. Card data carries ids and the version of the request the card showed,
 * never authority; the clicker comes from the activity and the request from storage.
 *
 * Teams merges the card's input values into the data on click, as strings (Input.Number and
 * Input.Toggle included), so inputs accept their string forms.
 */

export const REMEDIATION_VERBS = {
  create: 'request.create',
  approve: 'request.approve',
  reject: 'request.reject',
  cancel: 'request.cancel',
  /** Produces the clicker's own view of a request card (refresh and the Review button). */
  refresh: 'request.refresh',
} as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = z.string().regex(GUID, 'expected a directory object id (GUID)');
const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'expected an id (letters, digits, . _ : -)');
const version = z.literal(ACTION_DATA_VERSION, {
  errorMap: () => ({ message: `expected data version ${ACTION_DATA_VERSION}` }),
});

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
const flag = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((value) => value === true || value === 'true');
/** An empty input arrives as "": treat it as not given. */
const blankAsMissing = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export const createDataSchema = z
  .object({
    v: version,
    action: z.enum(ACTION_KINDS),
    subjectId: guid,
    targetId: id.optional(),
    /** `run`: a helpdesk approver runs it now; otherwise it goes for approval. */
    mode: z.enum(['request', 'run']).optional(),
    hours: z.preprocess(blankAsMissing, wholeNumber.optional()),
    lifetimeMinutes: z.preprocess(blankAsMissing, wholeNumber.optional()),
    oneTimeUse: z.preprocess(blankAsMissing, flag.optional()),
    phoneNumber: z.preprocess(blankAsMissing, z.string().max(40).optional()),
    /** What the requester wants the approver to know (the card's optional note box). */
    note: z.preprocess(blankAsMissing, z.string().trim().max(500).optional()),
  })
  .strict();
export type CreateData = z.infer<typeof createDataSchema>;

const requestRef = z
  .object({ v: version, requestId: id, version: z.number().int().min(1) })
  .strict();
export type RequestRef = z.infer<typeof requestRef>;

const rejectData = requestRef
  .extend({ reason: z.preprocess(blankAsMissing, z.string().trim().max(500).optional()) })
  .strict();
export type RejectData = z.infer<typeof rejectData>;

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, verb: string, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') + ': ' : ''}${issue.message}`)
      .join('; ');
    throw new ActionDataError(`${verb}: ${detail}`);
  }
  return parsed.data;
}

export const parseCreateData = (data: unknown): CreateData =>
  parse(createDataSchema, REMEDIATION_VERBS.create, data);
export const parseRequestRef = (verb: string, data: unknown): RequestRef =>
  parse(requestRef, verb, data);
export const parseRejectData = (data: unknown): RejectData =>
  parse(rejectData, REMEDIATION_VERBS.reject, data);

/** Button data for a request card, stamped with the data version and the request's version. */
export function requestRefData(requestId: string, requestVersion: number): RequestRef {
  return { v: ACTION_DATA_VERSION, requestId, version: requestVersion };
}
