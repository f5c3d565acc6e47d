/**
 * The style sheet of a list's cell labels on a phone (components/StackedLabels.tsx):
 * the headings it is given, each as the `::before` of its column's cells while
 * rows are stacked cards. A sheet, not an inline <style>: the Content Security
 * Policy allows the portal's own style sheets, and the same headings (the same
 * address) are fetched once and cached by the browser. It holds only the words
 * it is sent, no data; it still asks for a signed-in viewer like every route.
 */
import { z } from 'zod';
import { requireViewer } from '@/lib/auth/viewer';
import { rawSearchParams } from '@/lib/url';
import { stackedLabelsCss } from '@/lib/ui/stacked-labels';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  c: z.array(z.string().regex(/^st-[a-z0-9]{1,8}$/)).length(1),
  b: z.array(z.string().max(120)).max(30).default([]),
  f: z.array(z.string().max(120)).max(30).default([]),
});

export async function GET(request: Request) {
  await requireViewer();
  const query = querySchema.safeParse(rawSearchParams(request));
  if (!query.success) return new Response('Not found', { status: 404 });
  const { c, b, f } = query.data;
  return new Response(stackedLabelsCss(c[0]!, b, f), {
    headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'private, max-age=86400', 'x-content-type-options': 'nosniff' },
  });
}
