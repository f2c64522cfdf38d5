import type { TriageFields } from './types';

// Words and hosts that only Entra sign-in errors carry, including the sign-in log's own labels.
const ENTRA_WORDING =
  /aadsts|login\.microsoftonline|login\.windows\.net|sts\.windows\.net|troubleshooting details|correlation[ _-]?id|trace[ _-]?id|microsoft entra|azure ad\b|azure active directory|sign-in error code|sign-in status|sign-in logs?\b|failure reason/i;
const ERROR_CODE_LABEL = /error[ _-]?code/i;

/** The paste uses wording or hosts of Entra sign-in errors. */
export function hasEntraWording(text: string): boolean {
  return ENTRA_WORDING.test(text);
}

/**
 * A sign-in error page or log line whose code is not an AADSTS code (e.g. a Windows error number
 * shown as "Error Code" next to a correlation id): it is a sign-in failure, though not one the
 * catalog can explain.
 */
export function isUnexplainedSignInError(text: string, fields: TriageFields): boolean {
  const hasIds = [fields.correlationId, fields.requestId, fields.traceId].some((id) => id);
  return hasIds && ERROR_CODE_LABEL.test(text);
}
