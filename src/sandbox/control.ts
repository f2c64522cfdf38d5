import { z } from 'zod';
import type { FaultRegistry } from './faults';
import type { RecordedRequest } from './request-log';
import type { SandboxResponse } from './request';

/**
 * The `/_sandbox/*` control surface, for processes that cannot reach the SandboxTenant object
 * (a bot started separately, a benchmark). It is answered only to loopback callers and never
 * appears in the request log.
 */
export interface ControlDeps {
  faults: FaultRegistry;
  log: RecordedRequest[];
  reset(): void;
}

const faultBody = z
  .object({
    method: z.string().optional(),
    pathPattern: z.string().min(1),
    /** Treat pathPattern as a regular expression instead of a path prefix. */
    regex: z.boolean().optional(),
    status: z.number().int().min(400).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    latencyMs: z.number().int().min(0).optional(),
    times: z.number().int().min(1).optional(),
    drop: z.boolean().optional(),
  })
  .strict();

const latencyBody = z.object({ latencyMs: z.number().int().min(0) }).strict();

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.has(address);
}

function invalid(message: string): SandboxResponse {
  return { status: 400, body: { error: { code: 'BadRequest', message } } };
}

export function handleControl(
  deps: ControlDeps,
  method: string,
  segments: readonly string[],
  body: unknown,
): SandboxResponse {
  const [resource, id] = segments;
  const route = `${method.toUpperCase()} ${resource ?? ''}${id === undefined ? '' : '/:id'}`;
  switch (route) {
    case 'GET health':
      return { status: 200, body: { status: 'ok' } };
    case 'GET requests':
      return { status: 200, body: { value: deps.log } };
    case 'DELETE requests':
      deps.log.length = 0;
      return { status: 204 };
    case 'POST reset':
      deps.reset();
      return { status: 204 };
    case 'GET faults':
      return {
        status: 200,
        body: {
          latencyMs: deps.faults.latencyMs,
          value: deps.faults.list().map((f) => ({ ...f, pathPattern: String(f.pathPattern) })),
        },
      };
    case 'POST faults': {
      const parsed = faultBody.safeParse(body);
      if (!parsed.success)
        return invalid(
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      const { regex, pathPattern, ...rule } = parsed.data;
      let pattern: RegExp | string = pathPattern;
      if (regex) {
        try {
          pattern = new RegExp(pathPattern, 'i');
        } catch {
          return invalid(`pathPattern is not a valid regular expression: ${pathPattern}`);
        }
      }
      return { status: 201, body: { id: deps.faults.add({ ...rule, pathPattern: pattern }) } };
    }
    case 'DELETE faults':
      deps.faults.clear();
      return { status: 204 };
    case 'DELETE faults/:id':
      return deps.faults.remove(id) ? { status: 204 } : { status: 404 };
    case 'PUT latency': {
      const parsed = latencyBody.safeParse(body);
      if (!parsed.success) return invalid('expected { "latencyMs": <non-negative integer> }');
      deps.faults.latencyMs = parsed.data.latencyMs;
      return { status: 204 };
    }
    default:
      return {
        status: 404,
        body: { error: { code: 'NotFound', message: `No control route ${route}.` } },
      };
  }
}
