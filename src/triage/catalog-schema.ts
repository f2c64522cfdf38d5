import { z } from 'zod';
import { DIAGNOSES, FIXES, INTENTS } from './types';

const text = z.string().trim().min(10, 'expected a sentence of at least 10 characters');
const codeIntents = INTENTS.filter((i) => i !== 'unrelated' && i !== 'question') as [
  string,
  ...string[],
];
const messageIntents = INTENTS.filter(
  (i) => i !== 'unrelated' && i !== 'other-known' && i !== 'question',
) as [string, ...string[]];

export const catalogEntrySchema = z
  .object({
    code: z.number().int().positive(),
    name: z.string().trim().min(2),
    forms: z
      .array(
        z
          .string()
          .min(10)
          .refine((p) => p === p.toLowerCase(), 'expected a lower-case form'),
      )
      .optional(),
    intent: z.enum(codeIntents as [string, ...string[]]),
    userText: text,
    helpdeskText: text,
    nextSteps: z.array(text).min(1, 'expected at least one next step'),
    diagnosis: z.enum(DIAGNOSES),
    fix: z.enum(FIXES).optional(),
    documented: z.boolean(),
  })
  .strict();

export const messageEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'expected a kebab-case id'),
    intent: z.enum(messageIntents),
    phrases: z
      .array(
        z
          .string()
          .min(6)
          .refine((p) => p === p.toLowerCase(), 'expected a lower-case phrase'),
      )
      .min(1),
    forms: z
      .array(
        z
          .string()
          .min(10)
          .refine((p) => p === p.toLowerCase(), 'expected a lower-case form'),
      )
      .optional(),
    userText: text,
    helpdeskText: text,
    nextSteps: z.array(text).min(1),
    diagnosis: z.enum(DIAGNOSES),
    relatedCode: z.number().int().positive().optional(),
    exactOnly: z.literal(true).optional(),
  })
  .strict();
