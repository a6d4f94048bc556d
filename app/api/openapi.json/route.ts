import { openApiDocument } from '@/lib/api/openapi';

// Public: the document describes the API; every operation in it still needs a signed request.
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
}
