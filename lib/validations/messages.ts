/**
 * Form validation messages are keys into the `errors` catalogue (its `validation` group), never
 * sentences: `fieldMessage('tooLong', { max: 200 })` → 'validation.tooLong {"max":200}'. The action
 * layer (app/_server/action.ts) turns them into words in the visitor's language.
 */
export type FieldMessageParams = Record<string, string | number>;

const prefix = 'validation.';

export function fieldMessage(key: string, params?: FieldMessageParams): string {
  return params && Object.keys(params).length > 0 ? `${prefix}${key} ${JSON.stringify(params)}` : `${prefix}${key}`;
}

/**
 * A field message naming an error code of the `errors` catalogue with its params (a refusal from
 * lib shown beside a field, e.g. a parseAmount failure): 'AMOUNT_TOO_LARGE {"max":…,"currency":"TRY"}'.
 */
export function codeMessage(code: string, params: Record<string, string | number | boolean | null> = {}): string {
  return Object.keys(params).length > 0 ? `${code} ${JSON.stringify(params)}` : code;
}

/** Reads a message made by codeMessage back into its code and params; undefined for any other text. */
export function readCodeMessage(message: string): { code: string; params: Record<string, string | number | boolean | null> } | undefined {
  const match = /^([A-Z][A-Z0-9_]*)(?: (\{.*\}))?$/.exec(message);
  if (!match?.[1]) return undefined;
  if (!match[2]) return { code: match[1], params: {} };
  try {
    const params: unknown = JSON.parse(match[2]);
    if (params === null || typeof params !== 'object' || Array.isArray(params)) return undefined;
    return { code: match[1], params: params as Record<string, string | number | boolean | null> };
  } catch {
    return undefined;
  }
}

/** Reads a message made by fieldMessage back into its key (without the group) and params; undefined for any other text. */
export function readFieldMessage(message: string): { key: string; params: FieldMessageParams } | undefined {
  if (!message.startsWith(prefix)) return undefined;
  const space = message.indexOf(' ');
  const key = message.slice(prefix.length, space === -1 ? undefined : space);
  if (!/^[A-Za-z]\w*$/.test(key)) return undefined;
  if (space === -1) return { key, params: {} };
  try {
    const params: unknown = JSON.parse(message.slice(space + 1));
    if (params === null || typeof params !== 'object' || Array.isArray(params)) return undefined;
    return { key, params: params as FieldMessageParams };
  } catch {
    return undefined;
  }
}
