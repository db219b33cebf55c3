// The agent and call commands over REST: POST /api/v1/agents/{agentId}/{command}, one route per
// entry of the WebSocket command catalogue, with the command's args as the body and its result as
// the response. Generated, so the two transports cannot offer different commands.
import { type CommandCatalogue, type CommandName, COMMAND_NAMES, COMMANDS } from '../ws/command-catalogue.ts';
import { inputId } from '../wire/schema-builders.ts';
import { API_PREFIX, defineRoute, params, type RouteSpec } from './route.ts';

const AGENT_PARAMS = params({ agentId: inputId() });

export type CommandRouteId<N extends CommandName = CommandName> = `agent${Capitalize<N>}`;

export interface CommandRoute<N extends CommandName> extends RouteSpec {
  readonly method: 'POST';
  readonly params: typeof AGENT_PARAMS;
  readonly query: null;
  readonly body: CommandCatalogue[N]['args'];
  readonly response: CommandCatalogue[N]['result'];
  readonly status: 200;
}

export type CommandRoutes = { readonly [N in CommandName as CommandRouteId<N>]: CommandRoute<N> };

export function commandRouteId<N extends CommandName>(name: N): CommandRouteId<N> {
  return `agent${name.charAt(0).toUpperCase()}${name.slice(1)}` as CommandRouteId<N>;
}

function commandRoute<N extends CommandName>(name: N): CommandRoute<N> {
  const spec = COMMANDS[name];
  return defineRoute({
    method: 'POST',
    path: `${API_PREFIX}/agents/{agentId}/${name}`,
    summary: spec.summary,
    tag: 'commands',
    role: 'agent',
    params: AGENT_PARAMS,
    query: null,
    body: spec.args as CommandCatalogue[N]['args'],
    response: spec.result as CommandCatalogue[N]['result'],
    status: 200,
    errors: spec.errors,
  });
}

export const COMMAND_ROUTES: CommandRoutes = Object.freeze(
  Object.fromEntries(COMMAND_NAMES.map((name) => [commandRouteId(name), commandRoute(name)])),
) as CommandRoutes;
