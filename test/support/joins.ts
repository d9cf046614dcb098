/**
 * Joins one guest link through several app servers' handlers in turn, as a crowd spread by a
 * load balancer would: for the tests of limits shared across servers.
 */

/** The statuses of `count` joins of the link with `token`, the i-th through `handlers[i % handlers.length]`. */
export async function joinsAcross(handlers: readonly ((request: Request) => Promise<Response>)[], token: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await handlers[i % handlers.length]!(
      new Request(`https://media.example.org/access-links/guest-links/${token}/join`, {
        method: 'POST',
        headers: { origin: 'https://media.example.org', 'content-type': 'application/json' },
        body: JSON.stringify({ name: `G${i}`, email: `g${i}@example.org` }),
      }),
    );
    statuses.push(response.status);
  }
  return statuses;
}
