/**
 * restify 11 loads spdy, whose http-deceiver reads `process.binding('http_parser')` as it loads,
 * so Node prints DEP0111 twice before the bot says anything. The HTTP/2 path that needs it is
 * never used here and no restify release drops the dependency, so exactly that warning (that code
 * for `http_parser`) is dropped; every other warning, DEP0111 for anything else included, is
 * printed as usual. Import this module before anything that loads restify.
 */
type EmitWarning = (warning: string | Error, ...rest: unknown[]) => void;

export function isRestifyHttpParserWarning(warning: string | Error, rest: unknown[]): boolean {
  const options = rest[0];
  const code =
    typeof options === 'object' && options !== null
      ? (options as { code?: unknown }).code
      : rest[1];
  const message = typeof warning === 'string' ? warning : warning.message;
  return code === 'DEP0111' && message.includes("process.binding('http_parser')");
}

const emitWarning = process.emitWarning.bind(process) as EmitWarning;
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (isRestifyHttpParserWarning(warning, rest)) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;
