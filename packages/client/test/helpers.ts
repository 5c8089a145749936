import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';

export const endpoint = 'https://chime.us-east-1.amazonaws.com';
export const route = `${endpoint}/accounts/:accountId/users/:userId`;
export const server = setupServer();

export const user = {
  UserId: 'u1',
  AccountId: 'a1',
  PrimaryEmail: 'jane@example.com',
  DisplayName: 'Jane Doe',
  LicenseType: 'Pro',
  RegisteredOn: '2019-05-01T16:02:35Z',
  InvitedOn: '2019-04-30T09:12:01Z',
};

export function errorResponse(
  status: number,
  name: string | undefined,
  code: string,
  extraHeaders: Record<string, string> = {},
) {
  return HttpResponse.json(
    { Code: code, Message: `${code} happened` },
    {
      status,
      headers: { ...(name ? { 'x-amzn-ErrorType': name } : {}), 'x-amzn-RequestId': `req-${status}`, ...extraHeaders },
    },
  );
}

/** Answers with each response in turn (the last repeats) and counts the requests. */
export function sequence(...responses: (() => Response | Promise<Response>)[]) {
  const seen: Request[] = [];
  const handler = http.post(route, async ({ request }) => {
    seen.push(request.clone());
    const next = responses[Math.min(seen.length - 1, responses.length - 1)] as () => Response;
    return next();
  });
  return { handler, seen };
}
