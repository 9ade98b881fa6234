import { describe, expect, it } from 'vitest';
import { sprigTemplateFromDockerize } from '../../dev-tools/production-shape/temporal-config.js';
import { freeLowPorts, TEMPORAL_PORT_CEILING } from '../../dev-tools/production-shape/ports.js';

describe("the Temporal server image's config template, rendered by the server itself", () => {
  it("rewrites dockerize's .Env, default and split into Sprig's env, argument order and splitList", () => {
    const template = [
      'level: {{ default .Env.LOG_LEVEL "info" }}',
      '{{- $db := default .Env.DB "cassandra" | lower -}}',
      'seeds: "{{ default .Env.VISIBILITY_POSTGRES_SEEDS $visibility_seeds_default }}"',
      '{{- if .Env.USE_INTERNAL_FRONTEND }}',
      'auth: {{ range split .Env.CASSANDRA_ALLOWED_AUTHENTICATORS "," }}',
      'endpoint: {{ .Env.STATSD_ENDPOINT }}',
      '{{- if or (.Env.USE_INTERNAL_FRONTEND) (and (not .Env.TEMPORAL_AUTH_AUTHORIZER) (not .Env.TEMPORAL_AUTH_CLAIM_MAPPER)) }}',
    ].join('\n');
    const rendered = sprigTemplateFromDockerize(template);
    expect(rendered.split('\n')).toEqual([
      expect.stringMatching(/^# enable-template/),
      'level: {{ default "info" (env "LOG_LEVEL") }}',
      '{{- $db := default "cassandra" (env "DB") | lower -}}',
      'seeds: "{{ default $visibility_seeds_default (env "VISIBILITY_POSTGRES_SEEDS") }}"',
      '{{- if (env "USE_INTERNAL_FRONTEND") }}',
      'auth: {{ range splitList "," (env "CASSANDRA_ALLOWED_AUTHENTICATORS") }}',
      'endpoint: {{ (env "STATSD_ENDPOINT") }}',
      '{{- if or ((env "USE_INTERNAL_FRONTEND")) (and (not (env "TEMPORAL_AUTH_AUTHORIZER")) (not (env "TEMPORAL_AUTH_CLAIM_MAPPER"))) }}',
    ]);
  });

  it('refuses a default it cannot reorder rather than ignore the variable silently', () => {
    expect(() => sprigTemplateFromDockerize('x: {{ default .Env.X (print "a" "b") }}')).toThrow(/Sprig's argument order/);
  });

  it('picks server ports below 32768 (the membership port is a SMALLINT in the PostgreSQL schema)', async () => {
    const ports = await freeLowPorts(9);
    expect(new Set(ports).size).toBe(9);
    for (const port of ports) expect(port).toBeLessThanOrEqual(TEMPORAL_PORT_CEILING);
    expect(TEMPORAL_PORT_CEILING).toBe(32_767);
  });
});
