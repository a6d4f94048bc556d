import { getDatabase } from '@/db';
import { checkHealth } from '@/db/health';

export const dynamic = 'force-dynamic';

/** Readiness for a load balancer: 200 when the database answers and is migrated, else 503. */
export async function GET(): Promise<Response> {
  const health = await checkHealth(getDatabase());
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
