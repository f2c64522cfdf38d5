/**
 * A failure the sandbox answers with Graph's error body. Route handlers throw it; the pipeline
 * turns it into `{ error: { code, message, innerError } }` with the status and extra headers.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string };
  };
}

/** Graph writes innerError.date without fractional seconds or zone suffix. */
export function errorBody(
  code: string,
  message: string,
  at: Date,
  requestId: string,
  clientRequestId: string,
): ErrorBody {
  return {
    error: {
      code,
      message,
      innerError: {
        date: at.toISOString().slice(0, 19),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  };
}

export const badRequest = (message: string, code = 'BadRequest'): GraphError =>
  new GraphError(400, code, message);

export const notFound = (id: string): GraphError =>
  new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' was not found in the tenant.`);
