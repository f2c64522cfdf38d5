import { z } from 'zod';
import data from './knowledge-base.json';

/**
 * The how-to knowledge base: data, validated when first used, each problem naming its entry.
 * Every entry says what the bot can do about the question right now (`canDo`) and may offer
 * commands (`offers`) the card turns into buttons.
 */

const word = z.string().regex(/^[a-z0-9]+$/, 'expected one lower-case word');
const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'expected a kebab-case id'),
    title: z.string().trim().min(1),
    /** Words that must appear for the entry to be considered at all. */
    anchors: z.array(word).min(1),
    /** Further words that make a match more certain. */
    keywords: z.array(word),
    /** Example questions; their words count as keywords too. */
    questions: z.array(z.string().trim().min(1)).min(2),
    answer: z.string().trim().min(40).max(1500),
    links: z
      .array(z.object({ title: z.string().trim().min(1), url: z.string().url() }).strict())
      .min(1),
    offers: z
      .array(
        z
          .object({
            label: z.string().trim().min(1).max(60),
            command: z
              .string()
              .regex(
                /^(posture|report [a-z-]+|copy group members|add sms method)$/,
                'expected a bot command',
              ),
          })
          .strict(),
      )
      .max(3),
    canDo: z.string().trim().min(1).max(400),
    /**
     * The same answer written for the person who is signing in (no admin steps, no commands), for
     * a topic people ask about their own account ("how do I reset my password").
     */
    forPerson: z
      .object({
        title: z.string().trim().min(1).optional(),
        answer: z.string().trim().min(40).max(1500),
        canDo: z.string().trim().min(1).max(400),
      })
      .strict()
      .optional(),
  })
  .strict();

export type KnowledgeEntry = z.infer<typeof entrySchema>;

export class KnowledgeBaseError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid how-to knowledge base:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'KnowledgeBaseError';
  }
}

/** Validates raw knowledge-base JSON; throws KnowledgeBaseError listing every problem. */
export function parseKnowledgeBase(raw: unknown): KnowledgeEntry[] {
  const result = z.object({ entries: z.array(z.unknown()).min(1) }).safeParse(raw);
  if (!result.success) throw new KnowledgeBaseError(['expected { "entries": [ ... ] }']);
  const problems: string[] = [];
  const entries: KnowledgeEntry[] = [];
  const seen = new Set<string>();
  result.data.entries.forEach((rawEntry, i) => {
    const parsed = entrySchema.safeParse(rawEntry);
    const id = (rawEntry as { id?: unknown } | null)?.id;
    const name = `entries[${i}]${typeof id === 'string' ? ` "${id}"` : ''}`;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`${name}.${issue.path.join('.')}: ${issue.message}`);
      }
      return;
    }
    if (seen.has(parsed.data.id)) problems.push(`${name}: id is used twice`);
    seen.add(parsed.data.id);
    entries.push(parsed.data);
  });
  if (problems.length > 0) throw new KnowledgeBaseError(problems);
  return entries;
}

let cached: KnowledgeEntry[] | undefined;

/** The shipped knowledge base (src/answers/knowledge-base.json). */
export function knowledgeBase(): KnowledgeEntry[] {
  cached ??= parseKnowledgeBase(data);
  return cached;
}
