/**
 * True when the URL path decodes (no stray '%', no '%ZZ', no broken UTF-8 such as '%E0%A4%A'):
 * Next's router decodes dynamic segments and answers 500 for one it cannot.
 */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
