import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { auth } from '@/auth';
import type { UserRole } from '@/db/schema';
import { safeReturnPath } from '@/lib/validations/return-path';

export type Viewer = { id: number; name: string; email: string; role: UserRole };

/** The signed-in user, or null for a visitor. */
export async function currentViewer(): Promise<Viewer | null> {
  const session = await auth();
  if (!session?.user?.uid) return null;
  const { uid, name, email, role } = session.user;
  return { id: uid, name, email, role };
}

/** The path being requested, as the proxy passed it on (layouts do not know their page's URL). */
async function requestedPath(): Promise<string | null> {
  return safeReturnPath((await headers()).get('x-coffer-path'));
}

/** The signed-in user; a visitor is sent to sign in and brought back (to `returnTo` or the page asked for). */
export async function requireViewer(returnTo?: string): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) {
    const back = returnTo ?? (await requestedPath());
    redirect(back ? `/sign-in?callbackUrl=${encodeURIComponent(back)}` : '/sign-in');
  }
  return viewer;
}

/** A staff member; a shopper gets the 403 page, a visitor the sign-in page. */
export async function requireStaff(returnTo?: string): Promise<Viewer> {
  const viewer = await requireViewer(returnTo);
  if (viewer.role !== 'staff') forbidden();
  return viewer;
}
