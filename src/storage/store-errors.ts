/**
 * Turns Azure SDK failures into the typed errors of src/errors.ts. Messages name the service
 * endpoint (without query string or user info, so a SAS token never appears) and the HTTP status
 * or network code; they never contain the account key, which the SDK only uses to sign.
 */
import { StoreUnavailableError } from '../errors';

/** The fields of the SDK's RestError (and of AbortError) this module relies on. */
interface SdkError {
  name?: string;
  statusCode?: number;
  code?: string;
  message?: string;
}

function asSdkError(error: unknown): SdkError {
  return typeof error === 'object' && error !== null ? (error as SdkError) : {};
}

export function statusOf(error: unknown): number | undefined {
  return asSdkError(error).statusCode;
}

/** Error code of the service (Queue: `MessageNotFound`; Table: from the odata body). */
export function serviceCodeOf(error: unknown): string | undefined {
  const { code, message } = asSdkError(error);
  if (code) return code;
  return message ? /"code"\s*:\s*"(\w+)"/.exec(message)?.[1] : undefined;
}

/** Endpoint safe to print: scheme, host, port and path only. */
export function describeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.replace(/\/+$/, '');
  } catch {
    return '(unparseable endpoint)';
  }
}

/**
 * Network failures, timeouts, throttling, 5xx and rejected credentials mean "storage cannot serve
 * us now": StoreUnavailableError. Anything else is returned unchanged for the caller to classify.
 */
export function toUnavailable(error: unknown, endpoint: string, operation: string): unknown {
  const { name, statusCode, code } = asSdkError(error);
  const where = `${operation} at ${describeEndpoint(endpoint)}`;
  if (name === 'AbortError') return new StoreUnavailableError(`${where} timed out`, error);
  if (statusCode === undefined) {
    if (name !== 'RestError') return error;
    return new StoreUnavailableError(`${where} failed: ${code ?? 'network error'}`, error);
  }
  const detail = `${statusCode}${serviceCodeOf(error) ? ` ${serviceCodeOf(error)}` : ''}`;
  if (statusCode === 401 || statusCode === 403) {
    return new StoreUnavailableError(`${where} rejected the credentials (${detail})`, error);
  }
  if (statusCode === 408 || statusCode === 429 || statusCode >= 500) {
    return new StoreUnavailableError(`${where} failed (${detail})`, error);
  }
  return error;
}
