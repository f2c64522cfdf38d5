import { badRequest } from '../graph-error';
import { isRecord } from '../request';

/** Small readers for JSON request bodies; each wrong shape is Graph's 400. */

export function objectBody(body: unknown, code = 'BadRequest'): Record<string, unknown> {
  if (!isRecord(body)) throw badRequest('Expected a JSON object body.', code);
  return body;
}

export function optionalString(body: Record<string, unknown>, key: string, code = 'BadRequest') {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`'${key}' must be a string.`, code);
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, key: string, code = 'BadRequest') {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`'${key}' must be true or false.`, code);
  return value;
}

export function optionalInteger(body: Record<string, unknown>, key: string, code = 'BadRequest') {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw badRequest(`'${key}' must be an integer.`, code);
  }
  return value;
}

/** The object id at the end of an `@odata.id` / `@odata.bind` URL (…/directoryObjects/{id}). */
export function idFromReference(reference: unknown, code = 'Request_BadRequest'): string {
  if (typeof reference !== 'string' || reference === '') {
    throw badRequest(
      'Expected a reference URL such as https://graph.microsoft.com/v1.0/directoryObjects/{id}.',
      code,
    );
  }
  const last = reference.replace(/\/+$/, '').split('/').pop() ?? '';
  const id = /^[a-z]+\('([^']+)'\)$/i.exec(last)?.[1] ?? last;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw badRequest(`Invalid object identifier '${id}'.`, code);
  }
  return id;
}
