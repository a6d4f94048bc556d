import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('@/app/_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));

const { visitorAction } = await import('./action');

describe('the action builder', () => {
  it('refuses a field holding a NUL character beside the field, before any work runs', async () => {
    let ran = false;
    const action = visitorAction.input(z.object({ reason: z.string() })).run(async () => {
      ran = true;
      return { status: 'success', message: 'Done.' };
    });
    const form = new FormData();
    form.set('reason', 'Late\u0000delivery');
    const state = await action({ status: 'idle' }, form);
    expect(state).toMatchObject({ status: 'error', fieldErrors: { reason: ['Remove the invisible control character.'] } });
    expect(ran).toBe(false);
  });
});
