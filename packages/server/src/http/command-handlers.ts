// The agent and call commands: POST /api/v1/agents/{agentId}/<command> runs the catalogue command
// through the one CommandExecutor the WebSocket API uses too, with the body as its arguments.
import {
  COMMAND_NAMES,
  type CommandArgs,
  type CommandName,
  type CommandRouteId,
  commandRouteId,
} from '@switchboard/protocol';
import type { RouteHandler } from './route-call.ts';

export type CommandHandlers = { readonly [R in CommandRouteId]: RouteHandler<R> };

function commandHandler<N extends CommandName>(name: N): RouteHandler<CommandRouteId<N>> {
  return ({ env, principal, params, body }) =>
    env.ctx.commands.execute(principal, params.agentId, name, { ...(body as object) } as CommandArgs<N>);
}

export const COMMAND_HANDLERS = Object.freeze(
  Object.fromEntries(COMMAND_NAMES.map((name) => [commandRouteId(name), commandHandler(name)])),
) as CommandHandlers;
