import type { TopUpDecision } from '@/lib/admin/top-ups';

const groups = [
  ['confirmed', 'confirmed'],
  ['rejected', 'rejected'],
  ['already_confirmed', 'alreadyConfirmed'],
  ['already_rejected', 'alreadyRejected'],
  ['not_found', 'notFound'],
] as const satisfies readonly (readonly [TopUpDecision['status'], string])[];

type DecisionKey = (typeof groups)[number][1];

/** What a batch of decisions did, in the staff member's words (t: admin.topUps.decisions). */
export function describeDecisions(t: (key: DecisionKey, values: { list: string; count: number }) => string, decisions: readonly TopUpDecision[]): string {
  const named = (decision: TopUpDecision) => decision.reference ?? `#${decision.paymentId}`;
  const sentences: string[] = [];
  for (const [status, key] of groups) {
    const references = decisions.filter((decision) => decision.status === status).map(named);
    if (references.length > 0) sentences.push(t(key, { list: references.join(', '), count: references.length }));
  }
  return sentences.join(' ');
}
