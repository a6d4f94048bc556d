import { getDatabase } from '@/db';
import { handleCraftgateRequest } from '@/lib/api/handle';

// The merchant wallet API in the payment platform's wire protocol: every method and path under
// /api/craftgate goes to one dispatcher that authenticates each request by its signature.
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return handleCraftgateRequest(getDatabase(), request);
}

export function POST(request: Request): Promise<Response> {
  return handleCraftgateRequest(getDatabase(), request);
}

export function PUT(request: Request): Promise<Response> {
  return handleCraftgateRequest(getDatabase(), request);
}

export function DELETE(request: Request): Promise<Response> {
  return handleCraftgateRequest(getDatabase(), request);
}
