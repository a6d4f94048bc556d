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

describe('files sent with a form', () => {
  it('reach the action beside the string values; an empty file input is left out', async () => {
    let seen: { names: string[]; text: string; values: Record<string, string> } | undefined;
    const action = visitorAction.input(z.object({ name: z.string() })).run(async (_input, { files, values }) => {
      seen = { names: Object.keys(files), text: await (files.image?.text() ?? Promise.resolve('')), values };
      return { status: 'success' };
    });
    const form = new FormData();
    form.set('name', 'Kettle');
    form.set('image', new File(['picture bytes'], 'kettle.png', { type: 'image/png' }));
    form.set('manual', new File([], ''));
    expect(await action({ status: 'idle' }, form)).toEqual({ status: 'success' });
    expect(seen).toEqual({ names: ['image'], text: 'picture bytes', values: { name: 'Kettle' } });
  });
});
