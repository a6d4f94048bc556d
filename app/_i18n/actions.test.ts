import { beforeEach, describe, expect, it, vi } from 'vitest';

const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({ set: (name: string, value: string) => jar.set(name, value), get: (name: string) => (jar.has(name) ? { value: jar.get(name) } : undefined) }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { chooseLanguageAction } = await import('./actions');

function form(locale: string): FormData {
  const data = new FormData();
  data.set('locale', locale);
  return data;
}

describe('chooseLanguageAction', () => {
  beforeEach(() => jar.clear());

  it('remembers a language the shop speaks, for anyone', async () => {
    await chooseLanguageAction(form('tr'));
    expect(jar.get('NEXT_LOCALE')).toBe('tr');
  });

  it('ignores anything else', async () => {
    await chooseLanguageAction(form('de'));
    await chooseLanguageAction(form('tr; Path=/admin'));
    expect(jar.size).toBe(0);
  });
});
