// The response types of the official Node client (@craftgate/craftgate, the installed version's
// .d.ts files), read as key sets, so a test can check that Coffer's JSON has exactly the keys the
// client declares for each endpoint, nested types too.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const responseDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@craftgate/craftgate/package.json')), 'dist', 'response');

export type DeclaredType = {
  name: string;
  /** Every key the type declares: required and optional (`key?:`). */
  keys: string[];
  optional: string[];
  /** Keys whose type is another response type of the client (the value is checked against it when not null). */
  nested: Record<string, { file: string; list: boolean }>;
};

const cache = new Map<string, DeclaredType>();

function declaredIn(file: string): DeclaredType {
  const known = cache.get(file);
  if (known) return known;
  const text = fs.readFileSync(file, 'utf8');
  const imports = new Map([...text.matchAll(/^import (\w+) from '([^']+)';$/gm)].map(([, name = '', from = '']) => [name, from]));
  const declaration = /declare type (\w+)(?:<\w+>)? = ([\s\S]*?);\nexport default/.exec(text);
  if (!declaration) throw new Error(`No type declared in ${file}.`);
  const [, name = '', body = ''] = declaration;
  const type: DeclaredType = { name, keys: [], optional: [], nested: {} };
  // A type is an intersection of imported types and object literals: A & B & { … }.
  const parts = body.split(/&(?![^{]*})/).map((part) => part.trim());
  for (const part of parts) {
    if (part.startsWith('{')) {
      for (const [, key = '', question, annotation = ''] of part.matchAll(/^\s+(\w+)(\?)?: ([^;]+);$/gm)) {
        type.keys.push(key);
        if (question) type.optional.push(key);
        const list = annotation.endsWith('[]');
        const from = imports.get(annotation.replace(/\[\]$/, ''));
        // Only the client's own response shapes are nested; enums (../model) are values.
        if (from && !from.includes('/model/')) type.nested[key] = { file: path.resolve(path.dirname(file), `${from}.d.ts`), list };
      }
    } else {
      const from = imports.get(part);
      if (!from) throw new Error(`${name}: cannot resolve ${part}.`);
      const base = declaredIn(path.resolve(path.dirname(file), `${from}.d.ts`));
      type.keys.push(...base.keys);
      type.optional.push(...base.optional);
      Object.assign(type.nested, base.nested);
    }
  }
  cache.set(file, type);
  return type;
}

/** A response type of the Node client by its file under dist/response (e.g. 'PaymentResponse', 'dto/Payout'). */
export function clientType(name: string): DeclaredType {
  return declaredIn(path.join(responseDir, `${name}.d.ts`));
}

/**
 * Where `value` differs from the client's type: keys the client declares that are missing, and
 * keys it does not declare, at any depth (paths like paymentTransactions[0].payout.currency).
 * `extra` lists keys deliberately added beyond the type (e.g. another official client declares them).
 */
export function shapeDifferences(value: unknown, type: DeclaredType, at = '', extra: Record<string, string[]> = {}): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${at || type.name}: not an object`];
  const present = Object.keys(value);
  const allowed = new Set([...type.keys, ...(extra[type.name] ?? [])]);
  const differences = [
    ...type.keys.filter((key) => !present.includes(key)).map((key) => `${at}${key}: missing`),
    ...present.filter((key) => !allowed.has(key)).map((key) => `${at}${key}: not declared by ${type.name}`),
  ];
  for (const [key, nested] of Object.entries(type.nested)) {
    const inner: unknown = (value as Record<string, unknown>)[key];
    if (inner === null || inner === undefined) continue;
    const innerType = declaredIn(nested.file);
    if (nested.list) {
      if (!Array.isArray(inner)) differences.push(`${at}${key}: not a list`);
      else inner.forEach((each, index) => differences.push(...shapeDifferences(each, innerType, `${at}${key}[${index}].`, extra)));
    } else {
      differences.push(...shapeDifferences(inner, innerType, `${at}${key}.`, extra));
    }
  }
  return differences;
}
