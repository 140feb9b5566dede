import type { LightMyRequestResponse } from 'fastify';
import type { Agent } from './agent.ts';

/** One row of a permission table: who, how, where (read when the row runs), the answer expected, and a form to post. */
export type PermissionRow<A extends string> = [actor: A, method: 'GET' | 'POST', url: () => string, expected: number, body?: () => Promise<Record<string, string | string[]>>];

/** Rows for every actor of `answers` on one request. */
export function everyone<A extends string>(method: 'GET' | 'POST', url: () => string, answers: Record<A, number>, body?: PermissionRow<A>[4]): PermissionRow<A>[] {
  return (Object.entries(answers) as [A, number][]).map(([actor, expected]) => [actor, method, url, expected, body]);
}

/**
 * Runs the rows in order, each as its actor's browser would, and returns every answer that differs
 * from the expected one. `seen` gets each response (a row may create what a later row's URL reads).
 */
export async function unexpectedAnswers<A extends string>(
  rows: PermissionRow<A>[],
  agents: Record<A, Agent>,
  seen: (row: PermissionRow<A>, path: string, response: LightMyRequestResponse) => void = () => {},
): Promise<string[]> {
  const failures: string[] = [];
  for (const row of rows) {
    const [actor, method, url, expected, body] = row;
    const path = url();
    const response = method === 'GET' ? await agents[actor].get(path) : await agents[actor].post(path, body ? await body() : {});
    if (response.statusCode !== expected) failures.push(`${actor} ${method} ${path}: ${response.statusCode}, expected ${expected}`);
    seen(row, path, response);
  }
  return failures;
}

/** A browser per actor: a visitor who has opened the sign-in page, and each user signed in. */
export async function signInAll<U extends string>(newAgent: () => Agent, users: Record<U, { email: string; password: string }>): Promise<Record<U | 'anonymous', Agent>> {
  const agents = { anonymous: newAgent() } as Record<U | 'anonymous', Agent>;
  await agents.anonymous.get('/login');
  for (const name of Object.keys(users) as U[]) {
    agents[name] = newAgent();
    await agents[name].login(users[name].email, users[name].password);
  }
  return agents;
}
