import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from './graph-error';
import { INVALID_BODY, type SandboxResponse } from './request';

/** Reading requests from and writing responses to Node's HTTP objects. */

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;charset=utf-8';

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_BODY;
  }
}

export function headerMap(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function send(res: ServerResponse, response: SandboxResponse): void {
  const headers: Record<string, string> = { 'OData-Version': '4.0', ...response.headers };
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(response.body);
  res.writeHead(response.status, {
    ...headers,
    'Content-Type': JSON_TYPE,
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** An error answered before the pipeline runs (bad version, malformed path); ids as usual. */
export function earlyError(
  req: IncomingMessage,
  at: Date,
  message: string,
  status = 400,
): SandboxResponse {
  const requestId = randomUUID();
  const header = req.headers['client-request-id'];
  const clientRequestId = typeof header === 'string' ? header : requestId;
  return {
    status,
    headers: { 'request-id': requestId, 'client-request-id': clientRequestId },
    body: errorBody(
      status === 400 ? 'BadRequest' : 'InternalServerError',
      message,
      at,
      requestId,
      clientRequestId,
    ),
  };
}
