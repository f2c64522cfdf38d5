import { knowledgeBase, type KnowledgeEntry } from './knowledge-base';
import { stemWord, wordsOf } from './words';

/**
 * Matches a question (not an error) to a how-to entry by word overlap. An entry counts only
 * when at least one of its anchor words is in the question; its score grows with the anchors
 * present and with how much of the question its vocabulary explains. Below ANSWER_THRESHOLD the
 * answer is "not sure". A pasted sign-in error (an AADSTS code, a correlation id, an exception)
 * is never answered as a question: its score is held below the threshold.
 */

export const ANSWER_THRESHOLD = 0.5;
export const HIGH_CONFIDENCE = 0.7;

export type AnswerMatch =
  | { kind: 'answer'; entry: KnowledgeEntry; score: number; confidence: 'high' | 'medium' }
  | { kind: 'not-sure'; score: number; closest?: KnowledgeEntry };

const ERROR_PASTE =
  /AADSTS\d{3,}|\b(correlation|trace|request)[\s-]?id\b|exception\b|stack\s?trace|\berror\s*(code)?:?\s*\d{4,}\b|\b\d{5,6}\b|\bat\s+[\w.]+\(/i;

/**
 * Signs of someone reporting a failure rather than asking how to do something: a long paste, a
 * quoted message, "when I try ... I get", a word of failure ("never", "rejected", "lost"). Such text may still be answered, never with high
 * confidence: triage and diagnosis are the better reply.
 */
const FAILURE_REPORT =
  /["“][^"”]{12,}["”]|\b(?:didn'?t|did not|never|no longer|lost|rejected|refused|wrong|incorrect|too similar|denied|nothing|doesn'?t|does not|can'?t do)\b|\b(unable to|failed|fails|isn't working|is not working|doesn't work|does not work|not working|won't|it says|they receive|i get|i got|we get|keeps? (asking|failing|saying))\b|\bwhen (i|we|the user|users|they|he|she) (try|tried|sign)|\b(i|we) (cannot|can't|can not|couldn't|could not|signed|tried|went|logged|changed)\b/i;
const LONG_PASTE_CHARS = 240;
// A text that is not asked (no question mark, no question word or task first) may be a screen's own
// words ("enter the number shown to sign in"): answered, never with high confidence.
const ASKED =
  /[?？]|^\s*(?:how|what|why|when|where|which|who|can|could|should|is|are|do|does|will|would|set ?up|configure|enable|disable|turn|add|remove|reset|copy|exclude|block|allow|create|use|register|find|check|change)\b/i;

interface Indexed {
  entry: KnowledgeEntry;
  anchors: Set<string>;
  vocabulary: Set<string>;
}

let index: Indexed[] | undefined;

function indexed(): Indexed[] {
  index ??= knowledgeBase().map((entry) => {
    const anchors = new Set(entry.anchors.map(stemWord));
    const vocabulary = new Set([...anchors, ...entry.keywords.map(stemWord)]);
    for (const q of entry.questions) for (const w of wordsOf(q)) vocabulary.add(w);
    for (const w of wordsOf(entry.title)) vocabulary.add(w);
    return { entry, anchors, vocabulary };
  });
  return index;
}

/** Share of the letters that are not Latin. */
function foreignShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 0;
  const foreign = letters.filter((c) => !/\p{Script=Latin}/u.test(c)).length;
  return foreign / letters.length;
}

function scoreOf(words: ReadonlySet<string>, item: Indexed): number {
  let anchors = 0;
  let covered = 0;
  for (const w of words) {
    if (item.anchors.has(w)) anchors += 1;
    if (item.vocabulary.has(w)) covered += 1;
  }
  if (anchors === 0) return 0;
  const coverage = covered / words.size;
  return Math.min(1, 0.3 * Math.min(anchors, 2) + 0.5 * coverage);
}

export function findAnswer(question: string): AnswerMatch {
  const words = wordsOf(question);
  if (words.size === 0) return { kind: 'not-sure', score: 0 };
  let best: { item: Indexed; score: number } | undefined;
  for (const item of indexed()) {
    const score = scoreOf(words, item);
    if (!best || score > best.score) best = { item, score };
  }
  if (!best || best.score === 0) return { kind: 'not-sure', score: 0 };
  let score = best.score;
  if (ERROR_PASTE.test(question)) score = Math.min(score, ANSWER_THRESHOLD - 0.01);
  const notAsked = !ASKED.test(question);
  if (
    question.length > LONG_PASTE_CHARS ||
    FAILURE_REPORT.test(question) ||
    words.size < 2 ||
    notAsked
  ) {
    score = Math.min(score, HIGH_CONFIDENCE - 0.01);
  }
  // The knowledge base is in English: text mostly in another script has only its Latin words
  // (product names) left to match, which says nothing about what was asked.
  if (foreignShare(question) > 0.3) score = Math.min(score, ANSWER_THRESHOLD - 0.01);
  if (score < ANSWER_THRESHOLD) return { kind: 'not-sure', score, closest: best.item.entry };
  return {
    kind: 'answer',
    entry: best.item.entry,
    score,
    confidence: score >= HIGH_CONFIDENCE ? 'high' : 'medium',
  };
}

/**
 * The playbook's answer to text triage took for neither a sign-in error nor a question, only when
 * the match is of high confidence: an admin's few words ("which apps are stale", "is directory
 * sync running") are answered, while a stray paste that merely brushes a topic (someone's Steam or
 * GitHub two-step trouble) keeps the "not a sign-in error" card. Undefined otherwise.
 */
export function playbookAnswer(text: string): Extract<AnswerMatch, { kind: 'answer' }> | undefined {
  // What findAnswer would hold below high confidence is refused before scoring every entry: a
  // long text, one not asked, one that reports a failure (a stray paste usually is all three).
  const capped = text.length > LONG_PASTE_CHARS || !ASKED.test(text) || FAILURE_REPORT.test(text);
  if (capped && wordsOf(text).size !== 1) return undefined;
  const match = findAnswer(text);
  if (match.kind !== 'answer') return undefined;
  if (match.confidence === 'high') return match;
  // A topic named alone ("secure score", "passwordless") is answered when it anchors one entry
  // only, or names the one entry it is the title of (topicPhraseAnswer); a word several topics
  // share ("password", "phone") is not a question.
  const words = [...wordsOf(text)];
  if (words.length !== 1) return undefined;
  const anchoring = indexed().filter((item) => item.anchors.has(words[0]));
  if (anchoring.length === 1) return match;
  return topicPhraseAnswer(text)?.entry.id === match.entry.id ? match : undefined;
}

// The words that frame a helpdesk agent's or an admin's question about a topic without naming it:
// "is X on", "X status", "check X", "tell me about X", "X in our tenant", "is X allowed", "how
// many X", "X report". Stemmed as wordsOf does.
const FRAMING = new Set(
  (
    'status state check checking enabl disabl turn turned run configur setup set up tenant ' +
    'current currently tell explain overview summary info detail know now today whats look show ' +
    'see read live actually allow allowed active available many count list total report'
  )
    .split(' ')
    .map(stemWord),
);
// A phrase of only an everyday word ("password", "phone", "sign in") names no one topic.
const EVERYDAY = new Set(
  'sign phone password account device group member policy session profile number api portal'
    .split(' ')
    .map(stemWord),
);
// The writer speaking of their own account ("my password", "I can't"; not "tell me about"), or of
// a failure.
const OWN_OR_FAILURE =
  /(?<!\bhow (?:do|can|should|would|could) )\bi\b|\b(?:i'm|i've|my|mine)\b|(?<!\b(?:tell|show|give|let)\s)\bme\b|\b(?:fail\w*|error\w*|blocked|locked|broken|stuck|denied|expired|can'?t|cannot|won'?t|unable)\b/i;
const TOPIC_PHRASE_CHARS = 80;
const TOPIC_PHRASE_WORDS = 5;

/**
 * A short phrase naming a playbook topic, as helpdesk agents and admins ask ("number matching",
 * "is TAP enabled in our tenant?", "check stale apps", "secure score status"): the topic's answer,
 * never a diagnosis of the writer's own account. Every word left once the framing words are set
 * aside must belong to the topic's vocabulary, with at least one of its anchors; a phrase of one
 * everyday word, one anchoring three topics or more, or one tie between topics is not a topic.
 * Text that speaks of the writer's own account, of a failure or that carries an error is not
 * either. Undefined when it is not such a phrase.
 */
export function topicPhraseAnswer(
  text: string,
): Extract<AnswerMatch, { kind: 'answer' }> | undefined {
  if (text.length > TOPIC_PHRASE_CHARS || OWN_OR_FAILURE.test(text) || ERROR_PASTE.test(text)) {
    return undefined;
  }
  if (foreignShare(text) > 0.3) return undefined;
  const words = [...wordsOf(text)].filter((w) => !FRAMING.has(w));
  if (words.length === 0 || words.length > TOPIC_PHRASE_WORDS) return undefined;
  if (words.length === 1 && EVERYDAY.has(words[0])) return undefined;
  const ranked = indexed()
    .map((item) => {
      const hits = words.filter((w) => item.anchors.has(w)).length;
      const covered = words.every((w) => item.vocabulary.has(w));
      // How much of the entry's title the phrase is: "tap" is the pass policy's title topic, not
      // the passwordless roll-out's, which only mentions passes.
      const title = wordsOf(item.entry.title);
      const titled = words.filter((w) => title.has(w)).length / Math.max(1, title.size);
      return { item, hits: Math.min(hits, 2), covered, titled };
    })
    .filter((r) => r.hits > 0 && r.covered)
    .sort((a, b) => b.hits - a.hits || b.titled - a.titled);
  const [best, next] = ranked;
  if (!best) return undefined;
  if (words.length === 1 && ranked.length >= 3) return undefined;
  if (next && next.hits === best.hits && next.titled === best.titled) return undefined;
  return { kind: 'answer', entry: best.item.entry, score: 1, confidence: 'high' };
}
