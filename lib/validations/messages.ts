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
