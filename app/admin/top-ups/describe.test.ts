import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en/admin.json';
import tr from '@/messages/tr/admin.json';
import { describeDecisions } from './describe';

const words = (messages: typeof en) => createTranslator({ locale: 'en', messages: { admin: messages }, namespace: 'admin.topUps.decisions' });

describe('the words for wire top-up decisions', () => {
  const confirmed = { paymentId: 1, reference: 'WT/2026/000001', status: 'confirmed' } as const;
  const confirmedToo = { paymentId: 2, reference: 'WT/2026/000002', status: 'confirmed' } as const;

  it('names what was done and what was not, in English', () => {
    const t = words(en);
    expect(describeDecisions(t, [confirmed, confirmedToo])).toBe('Confirmed WT/2026/000001, WT/2026/000002.');
    expect(describeDecisions(t, [{ ...confirmed, status: 'already_confirmed' }])).toBe('WT/2026/000001 was already confirmed.');
    expect(describeDecisions(t, [{ ...confirmed, status: 'already_rejected' }, { ...confirmedToo, status: 'already_rejected' }])).toBe(
      'WT/2026/000001, WT/2026/000002 were already rejected.',
    );
    expect(describeDecisions(t, [{ paymentId: 999_999, reference: null, status: 'not_found' }, confirmedToo])).toBe(
      'Confirmed WT/2026/000002. #999999 was not found.',
    );
  });

  it('and in Turkish', () => {
    const t = words(tr);
    expect(describeDecisions(t, [confirmed, { ...confirmedToo, status: 'rejected' }])).toBe('Onaylandı: WT/2026/000001. Reddedildi: WT/2026/000002.');
    expect(describeDecisions(t, [{ ...confirmed, status: 'already_confirmed' }])).toBe('Zaten onaylanmıştı: WT/2026/000001.');
  });
});
