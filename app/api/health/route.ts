/** Liveness and readiness: 200 when the database answers, 503 otherwise. Public: no sign-in, so that a load balancer or a monitor can ask. */
import { checkDatabase } from '@/lib/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const database = await checkDatabase();
  return Response.json(
    { status: database.ok ? 'ok' : 'unavailable', database: database.ok ? 'ok' : 'unavailable' },
    { status: database.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
