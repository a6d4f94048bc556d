/**
 * Accepts only a same-site path ("/checkout", "/my/wallet?x=1") so a ?return= or callbackUrl
 * can never send a shopper to another site. Anything else gives `fallback`.
 */
export function safeReturnPath(candidate: unknown, fallback: string | null = null): string | null {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 512) return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\\]/.test(candidate)) return fallback;
  try {
    const url = new URL(candidate, 'http://same-site.invalid');
    if (url.origin !== 'http://same-site.invalid') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
