export { buildCatalog, CatalogError, loadCatalog, type Catalog } from './catalog';
export { decideCode } from './decide-code';
export { extractCodes } from './extract-codes';
export { extractFields } from './extract-fields';
export { matchMessage } from './match-message';
export { MAX_PASTE_CHARS, normalize, type NormalizedPaste } from './normalize';
export { triage } from './triage';
export { readQuestion, questionTopic } from './question';
export { findSimilar, type SimilarMatch } from './similar';
