/** A positive page number from ?page=, 1 when missing or malformed. */
export function pageNumber(value: string | string[] | undefined): number {
  const page = Number.parseInt(typeof value === 'string' ? value : '1', 10);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

/** A single text parameter (?q=), empty when missing or repeated. */
export function textParam(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value.slice(0, 100) : '';
}

/** The path with the given query parameters, leaving out empty ones. */
export function withParams(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
