// Stand-ins for the Next.js server modules a server action touches, so tests can call actions
// directly. Each test file registers them with vi.mock, e.g.
//   vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
// and sets `fakeRequest.viewer` to decide who is asking. Module state is per test file.
import type { Viewer } from '@/app/_server/session';

/** Who is asking and which cookies the request carries. */
export const fakeRequest: { viewer: Viewer | null; cookies: Map<string, string> } = {
  viewer: null,
  cookies: new Map(),
};

/** app/_server/session: the viewer is whoever the test says. */
export const session = {
  currentViewer: async () => fakeRequest.viewer,
  requireViewer: async () => {
    if (!fakeRequest.viewer) throw new Error('NEXT_REDIRECT;/sign-in');
    return fakeRequest.viewer;
  },
};

/** next/navigation: the interrupts throw as they do in Next.js. */
export const navigation = {
  forbidden: () => {
    throw new Error('NEXT_HTTP_ERROR_FALLBACK;403');
  },
  notFound: () => {
    throw new Error('NEXT_HTTP_ERROR_FALLBACK;404');
  },
  redirect: (url: string) => {
    throw new Error(`NEXT_REDIRECT;${url}`);
  },
};

/** next/cache: nothing to revalidate outside Next.js. */
export const cache = { revalidatePath: () => undefined };

/** next/headers: cookies read and written in `fakeRequest.cookies`. */
export const headers = {
  cookies: async () => ({
    get: (name: string) => (fakeRequest.cookies.has(name) ? { name, value: fakeRequest.cookies.get(name) } : undefined),
    set: (name: string, value: string) => void fakeRequest.cookies.set(name, value),
    delete: (name: string) => void fakeRequest.cookies.delete(name),
  }),
};
