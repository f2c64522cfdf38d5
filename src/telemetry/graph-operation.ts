/**
 * A Graph URL as a low-cardinality operation name for spans and metrics: ids, UPNs and key
 * values become `{id}` and the query string is dropped, so `GET /users/{id}/authentication/methods`
 * groups every user's call together and no personal data lands in telemetry.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function looksLikeId(segment: string): boolean {
  return (
    GUID.test(segment) ||
    segment.includes('@') ||
    /^\d+$/.test(segment) ||
    /^[A-Za-z0-9_-]{20,}$/.test(segment) ||
    /^19:/.test(segment)
  );
}

export function graphOperation(method: string, url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split('?')[0] ?? url;
  }
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((raw) => {
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        segment = raw;
      }
      if (/^(v1\.0|beta)$/.test(segment)) return undefined;
      const keyed = /^([A-Za-z]+)\((.*)\)$/.exec(segment);
      if (keyed) return `${keyed[1]}({id})`;
      return looksLikeId(segment) ? '{id}' : segment;
    })
    .filter((s): s is string => s !== undefined);
  return `${method.toUpperCase()} /${segments.join('/')}`;
}
