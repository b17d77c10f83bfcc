import { AwsError } from './aws-error';

/**
 * One page of a list, AWS-style: an opaque NextToken while more remain. The token is bound to the
 * list's filter, so a token from another query is refused as AWS refuses it.
 */
export function paginate<T>(
  items: readonly T[],
  options: {
    nextToken?: string | null;
    maxResults?: string | null;
    defaultPageSize: number;
    filterKey: string;
  },
  invalid: (message: string) => AwsError = (message) =>
    new AwsError('InvalidParameterValueException', 400, message),
): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (options.nextToken) {
    const decoded = decodeToken(options.nextToken);
    if (!decoded || decoded.key !== options.filterKey)
      throw invalid(`Invalid NextToken: ${options.nextToken}`);
    offset = decoded.offset;
  }
  let size = options.defaultPageSize;
  if (options.maxResults) {
    const parsed = Number(options.maxResults);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > 1000) {
      throw invalid(`MaxResults must be an integer between 1 and 1000, not ${options.maxResults}`);
    }
    size = parsed;
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextToken: encodeToken(next, options.filterKey) } : { page };
}

function encodeToken(offset: number, key: string): string {
  return Buffer.from(JSON.stringify({ o: offset, k: key })).toString('base64url');
}

function decodeToken(token: string): { offset: number; key: string } | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      k?: unknown;
    };
    if (
      typeof value.o === 'number' &&
      Number.isInteger(value.o) &&
      value.o >= 0 &&
      typeof value.k === 'string'
    ) {
      return { offset: value.o, key: value.k };
    }
  } catch {
    // not a token of ours
  }
  return undefined;
}
