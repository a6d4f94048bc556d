/** The IANA name of `zone` as Intl spells it ("europe/istanbul" → "Europe/Istanbul"), or undefined when Intl knows no such zone. */
export function canonicalTimeZone(zone: string): string | undefined {
  const trimmed = zone.trim();
  if (!trimmed) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The shop's time zone until staff choose one: SHOP_TIME_ZONE when it names a zone, else UTC. */
export function defaultTimeZone(env: Record<string, string | undefined> = process.env): string {
  return canonicalTimeZone(env.SHOP_TIME_ZONE ?? '') ?? 'UTC';
}
