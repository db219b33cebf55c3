// Who a token speaks for: a user id, one role, and for supervisors the part of the contact
// centre they may see (the role filter on events reads exactly this scope).
export const ROLES = ['admin', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What a supervisor supervises. Admins see everything and agents only themselves, so they carry none. */
export interface SupervisorScope {
  readonly queues: readonly string[];
  readonly agentGroups: readonly string[];
}

export interface Principal {
  readonly userId: string;
  readonly role: Role;
  /** Present exactly when role is 'supervisor'. */
  readonly scope?: SupervisorScope;
}

const MAX_ID_CHARS = 256;
const MAX_SCOPE_ENTRIES = 10_000;

export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_CHARS;
}

export function isSupervisorScope(value: unknown): value is SupervisorScope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 2 || !keys.includes('queues') || !keys.includes('agentGroups')) return false;
  const { queues, agentGroups } = value as Record<string, unknown>;
  return isIdList(queues) && isIdList(agentGroups);
}

function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_SCOPE_ENTRIES && value.every(isIdentifier);
}

/** Role and scope agree: a supervisor has a well-formed scope, the other roles have none. */
export function isConsistentScope(role: Role, scope: unknown): boolean {
  return role === 'supervisor' ? isSupervisorScope(scope) : scope === undefined;
}
