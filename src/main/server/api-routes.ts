// REST mapping of the Engine API: the route comes from the REQUESTS table (src/shared/api-http.ts)
// and the args are validated by the same schemas as IPC (src/main/request-schemas.ts).
import { fromHttp } from '../../shared/api-http';
import { parseRequest, type ParseResult } from '../request-schemas';

/** The request an HTTP call maps to (an error value when its args are bad), or undefined when no route matches. */
export function parseApiRequest(method: string, path: string, query: URLSearchParams, body: unknown): ParseResult | undefined {
  const match = fromHttp(method, path, query, body);
  return match && parseRequest(match.name, match.rawArgs);
}
