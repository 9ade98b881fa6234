import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * deploy/prometheus/alerts.yml, the rules docs/operations.md names: valid YAML of Prometheus's rule-file
 * shape, naming only metrics the API and the worker expose.
 */
const file = fs.readFileSync('deploy/prometheus/alerts.yml', 'utf8');

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}

/** Metric names the service defines: the API's as written, the worker's counters with the `_total` the exporter adds. */
function exposedMetrics() {
  const names = (path: string) =>
    [...fs.readFileSync(path, 'utf8').matchAll(/name: '(\w+)'|createCounter\('(\w+)'/g)].map((match) => match[1] ?? `${match[2]}_total`);
  return new Set([
    ...['api/metrics/dashboard-gauges.ts', 'api/metrics/request-duration.ts'].flatMap(names),
    ...['activities/metrics.ts', 'workflows/metrics.ts'].flatMap(names),
    'up', // Prometheus's own, per scrape target
  ]);
}

describe('Prometheus alert rules', () => {
  const rules = (parse(file) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap((group) => group.rules);

  it('cover a worker down, the e-mail failure rate and activations stuck, in the rule-file shape', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining(['ActivationNoWorkerRunning', 'ActivationWorkerDown', 'ActivationEmailsFailing', 'ActivationsStuck']),
    );
    for (const rule of rules) {
      expect(rule.expr, rule.alert).toEqual(expect.any(String));
      expect(rule.for, rule.alert).toMatch(/^\d+[smhd]$/);
      expect(['critical', 'warning'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary, rule.alert).toEqual(expect.any(String));
      expect(rule.annotations.description, rule.alert).toEqual(expect.any(String));
    }
  });

  it('name only metrics that the API or the worker expose', () => {
    const exposed = exposedMetrics();
    expect(exposed).toContain('activation_emails_total');
    for (const rule of rules) {
      const used = [...rule.expr.matchAll(/\b([a-z_][a-z0-9_]*)\s*(?=[{[)]|\s*[=!<>]=?\s*\d)/g)].map((match) => match[1]!);
      const metrics = used.filter((name) => !['sum', 'max', 'min', 'rate', 'increase', 'min_over_time', 'and', 'or', 'by'].includes(name));
      expect(metrics.length, rule.alert).toBeGreaterThan(0);
      for (const name of metrics) expect(exposed, `${rule.alert}: ${name}`).toContain(name);
    }
  });

  it('are the rules docs/operations.md links and names, each of them', () => {
    const doc = fs.readFileSync('docs/operations.md', 'utf8');
    expect(doc).toContain('deploy/prometheus/alerts.yml');
    const start = doc.indexOf('### Alerts');
    const section = doc.slice(start, doc.indexOf('\n#', start + 1));
    const named = new Set([...section.matchAll(/`(Activation\w+)`/g)].map((match) => match[1]));
    expect([...named].sort()).toEqual(rules.map((rule) => rule.alert).sort());
  });
});
