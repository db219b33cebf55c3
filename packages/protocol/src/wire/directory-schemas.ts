// The resources an administrator manages: users, agents, memberships (with penalties), skills
// and pause reasons. Each is read and written whole, so one closed schema serves the request and
// the response (a GET result can be PUT back as it is); partial updates have their own schema.
import Type from 'typebox';
import { PATTERNS } from './command-input-schemas.ts';
import { closed, count, inputId, oneOf, stringMap, type Wire } from './schema-builders.ts';

// A copy of the server's roles (packages/server/src/auth/principal.ts), checked equal by the
// conformance test.
export const ROLES = ['admin', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = oneOf(ROLES, { title: 'Role' });

const name = () => Type.String({ minLength: 1, maxLength: 256 });
const idList = () => Type.Array(inputId(), { maxItems: 10_000 });

export const SupervisorScopeSchema = closed(
  { queues: idList(), agentGroups: idList() },
  { title: 'SupervisorScope', description: 'What a supervisor sees: its queues and agent groups.' },
);

/** A user as the API shows it. The password hash never leaves the server. */
export const UserSchema = closed(
  {
    id: inputId(),
    username: name(),
    role: RoleSchema,
    scope: Type.Optional(SupervisorScopeSchema),
    disabled: Type.Boolean(),
  },
  { title: 'User' },
);
export type User = Wire<typeof UserSchema>;

const password = () =>
  Type.String({ minLength: 8, maxLength: 1024, writeOnly: true, description: 'Plain text, over TLS.' });

export const UserCreateSchema = closed(
  {
    id: Type.Optional(inputId({ description: 'Chosen by the server when absent.' })),
    username: name(),
    password: Type.Optional(password()),
    role: RoleSchema,
    scope: Type.Optional(SupervisorScopeSchema),
    disabled: Type.Optional(Type.Boolean()),
  },
  { title: 'UserCreate', description: 'No password: the user may only log in by SSO.' },
);
export type UserCreate = Wire<typeof UserCreateSchema>;

export const UserUpdateSchema = closed(
  {
    username: Type.Optional(name()),
    password: Type.Optional(password()),
    role: Type.Optional(RoleSchema),
    scope: Type.Optional(SupervisorScopeSchema),
    disabled: Type.Optional(Type.Boolean()),
  },
  { title: 'UserUpdate' },
);
export type UserUpdate = Wire<typeof UserUpdateSchema>;

const skills = () =>
  stringMap(Type.Number({ minimum: 0 }), {
    maxProperties: 256,
    propertyNames: { minLength: 1, maxLength: 128 },
    description: 'Skill id → level (higher is better).',
  });
const groups = () => Type.Array(inputId(), { maxItems: 256 });

/** An agent's configuration (core's AgentConfig). Its live state is AgentState. */
export const AgentSchema = closed(
  { id: inputId(), name: name(), skills: Type.Optional(skills()), groups: Type.Optional(groups()) },
  { title: 'Agent' },
);
export type Agent = Wire<typeof AgentSchema>;

export const AgentUpdateSchema = closed(
  { name: Type.Optional(name()), skills: Type.Optional(skills()), groups: Type.Optional(groups()) },
  { title: 'AgentUpdate' },
);
export type AgentUpdate = Wire<typeof AgentUpdateSchema>;

const penalty = () => count({ description: 'Lower is tried first (Asterisk penalty).' });

export const MembershipSchema = closed(
  { agentId: inputId(), queueId: inputId(), penalty: penalty() },
  { title: 'Membership' },
);
export type Membership = Wire<typeof MembershipSchema>;

export const MembershipUpdateSchema = closed({ penalty: penalty() }, { title: 'MembershipUpdate' });

export const SkillSchema = closed(
  { id: inputId(), name: name(), description: Type.Optional(Type.String({ maxLength: 4000 })) },
  { title: 'Skill' },
);
export type Skill = Wire<typeof SkillSchema>;

export const SkillUpdateSchema = closed(
  { name: Type.Optional(name()), description: Type.Optional(Type.String({ maxLength: 4000 })) },
  { title: 'SkillUpdate' },
);

export const PAUSE_CATEGORIES = ['break', 'dnd', 'training', 'meeting', 'meal', 'custom', 'system'] as const;
export type PauseCategory = (typeof PAUSE_CATEGORIES)[number];

const pauseCode = () => Type.String({ pattern: PATTERNS.pauseCode });

const pauseReasonFields = {
  name: name(),
  category: oneOf(PAUSE_CATEGORIES, { title: 'PauseCategory' }),
  sobotCode: Type.Optional(
    Type.Integer({ minimum: 2, maximum: 18, description: 'Sobot reasonCode: 2 (DND) or 11–18 (breaks).' }),
  ),
  toolbarSubstate: Type.Optional(
    Type.String({ pattern: PATTERNS.pauseCode, description: 'CTToolbar7 PAUSEDSUBSTATE:<code>.' }),
  ),
};

export const PauseReasonSchema = closed(
  { code: pauseCode(), ...pauseReasonFields },
  { title: 'PauseReason' },
);
export type PauseReason = Wire<typeof PauseReasonSchema>;

export const PauseReasonUpdateSchema = closed(
  {
    name: Type.Optional(pauseReasonFields.name),
    category: Type.Optional(pauseReasonFields.category),
    sobotCode: pauseReasonFields.sobotCode,
    toolbarSubstate: pauseReasonFields.toolbarSubstate,
  },
  { title: 'PauseReasonUpdate' },
);
