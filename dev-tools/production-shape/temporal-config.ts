/**
 * The Temporal server's config, rendered from the template its Docker image renders.
 *
 * temporalio/server:1.29.1 starts by rendering docker/config_template.yaml (from the server's own
 * module; `scripts/tools.sh --production` copies it to .tools/temporal-server) with dockerize,
 * from environment variables: DB=postgres12, POSTGRES_SEEDS, DB_PORT, POSTGRES_USER, POSTGRES_PWD,
 * DYNAMIC_CONFIG_FILE_PATH and the ports. Here the server renders that same template itself from
 * the same variables: its config loader treats a file with an `enable-template` comment as a Go
 * template with Sprig's functions. So the variables docker-compose.yml sets are the ones this run
 * proves, and no hand-kept copy of the config can drift from the image's.
 *
 * Dockerize and Sprig differ in three ways, rewritten here:
 *   .Env.NAME                  → (env "NAME")            Sprig reads the environment with `env`
 *   default .Env.NAME fallback → default fallback (env "NAME")   Sprig takes the fallback first
 *   split .Env.NAME sep        → splitList sep (env "NAME")      Sprig takes the separator first
 */
export function sprigTemplateFromDockerize(template: string): string {
  const value = String.raw`("[^"]*"|\$\w+)`;
  const rendered = template
    .replace(new RegExp(String.raw`\bdefault \.Env\.(\w+) ${value}`, 'g'), 'default $2 (env "$1")')
    .replace(new RegExp(String.raw`\bsplit \.Env\.(\w+) ${value}`, 'g'), 'splitList $2 (env "$1")')
    .replace(/\.Env\.(\w+)/g, '(env "$1")');
  // Any `default` left with its arguments in dockerize's order would silently ignore the variable.
  const unconverted = /\bdefault \(env "\w+"\) /.exec(rendered) ?? /\bsplit \(env/.exec(rendered);
  if (unconverted) throw new Error(`config template: cannot convert "${unconverted[0]}…" to Sprig's argument order`);
  // The loader looks for this marker in a comment within the file's first 1 KiB.
  return `# enable-template (rendered by the server's config loader; see dev-tools/production-shape/temporal-config.ts)\n${rendered}`;
}

/** The server's listening ports: every service has a gRPC and a membership (ringpop) port. */
export interface TemporalPorts {
  frontendGrpc: number;
  frontendHttp: number;
  frontendMembership: number;
  historyGrpc: number;
  historyMembership: number;
  matchingGrpc: number;
  matchingMembership: number;
  workerGrpc: number;
  workerMembership: number;
}

export interface TemporalServerEnvOptions {
  postgres: { host: string; port: number; user: string; password: string };
  dynamicConfigPath: string;
  ports: TemporalPorts;
  logLevel?: string;
}

/**
 * The template's variables, named as docker-compose.yml's temporal service sets them (the DB ones)
 * plus the ports a shared machine needs free (compose keeps the template's defaults).
 */
export function temporalServerEnv(options: TemporalServerEnvOptions): Record<string, string> {
  const { postgres, ports } = options;
  return {
    DB: 'postgres12',
    POSTGRES_SEEDS: postgres.host,
    DB_PORT: String(postgres.port),
    POSTGRES_USER: postgres.user,
    POSTGRES_PWD: postgres.password,
    DYNAMIC_CONFIG_FILE_PATH: options.dynamicConfigPath,
    LOG_LEVEL: options.logLevel ?? 'warn',
    // The image binds to the container's address; here everything stays on the loopback.
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(ports.frontendGrpc),
    FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
    HISTORY_GRPC_PORT: String(ports.historyGrpc),
    HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
    MATCHING_GRPC_PORT: String(ports.matchingGrpc),
    MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
    WORKER_GRPC_PORT: String(ports.workerGrpc),
    WORKER_MEMBERSHIP_PORT: String(ports.workerMembership),
    // No authorizer is configured (as in compose, where the frontend is not published).
    TEMPORAL_ALLOW_NO_AUTH: 'true',
  };
}
