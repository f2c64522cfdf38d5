import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { currentCorrelationId } from '../logging';

/**
 * Sends the current correlation id as `x-ms-client-request-id`, so storage analytics logs show
 * the same id as the app's log line for the turn. Outside a correlation scope the SDK's own
 * per-request id stands.
 */
export const correlationPolicy: PipelinePolicy = {
  name: 'helpdeskCorrelationPolicy',
  sendRequest(request, next) {
    const id = currentCorrelationId();
    if (id) request.headers.set('x-ms-client-request-id', id);
    return next(request);
  },
};
