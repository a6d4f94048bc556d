const siteOrigin = 'http://same-site.invalid';

// Browsers read '\' as '/' and drop tabs and newlines, so either can turn a path into a host.
const unsafeCharacters = /[\u0000-\u001f\u007f\\]/;

function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !unsafeCharacters.test(path);
}

/** The path as a browser resolves it on this site (dot segments gone), or null when it leaves. */
function resolvedLocalPath(candidate: string): { path: string; pathname: string } | null {
  if (!isLocalPath(candidate)) return null;
  try {
    const url = new URL(candidate, siteOrigin);
    const path = url.pathname + url.search + url.hash;
    // Checked after resolving too: '/.//evil.example' resolves to '//evil.example'.
    return url.origin === siteOrigin && isLocalPath(path) ? { path, pathname: url.pathname } : null;
  } catch {
    return null;
  }
}

function decodedOnce(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Accepts only a same-site path ("/checkout", "/my/wallet?x=1") so a ?return= or callbackUrl
 * can never send a shopper to another site. Anything else gives `fallback`.
 */
export function safeReturnPath(candidate: unknown, fallback: string | null = null): string | null {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 512) return fallback;
  const resolved = resolvedLocalPath(candidate);
  if (!resolved) return fallback;
  // A later hop that decodes once more ('/%2F%2Fevil.com' → '//evil.com') must still stay here.
  const decoded = decodedOnce(resolved.pathname);
  if (decoded === null || !resolvedLocalPath(decoded)) return fallback;
  return resolved.path;
}
