import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/env.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('runs with no configuration at all (embedded mode)', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.embedded).toEqual({ temporal: true, mongo: true, smtp: true });
    expect(config.lifecycle).toEqual({
      syncDelayMs: 300_000,
      reminderOffsetsMs: [86_400_000, 259_200_000],
      invitationTtlMs: 604_800_000,
      reminderSpreadMs: 1_800_000,
    });
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.temporalAddress).toBe('127.0.0.1:7233');
  });

  it('reads human durations and external services', () => {
    const config = loadConfig({
      SYNC_DELAY: '90s',
      REMINDER_SCHEDULE: '3d,1d',
      INVITE_TTL: '10d',
      TEMPORAL_ADDRESS: 'temporal:7233',
      MONGO_URL: 'mongodb://mongo:27017/activation',
      SMTP_URL: 'smtp://mail:25',
      PUBLIC_URL: 'https://accounts.example.com/',
    });
    expect(config.lifecycle.syncDelayMs).toBe(90_000);
    expect(config.lifecycle.reminderOffsetsMs).toEqual([86_400_000, 259_200_000]);
    expect(config.embedded).toEqual({ temporal: false, mongo: false, smtp: false });
    expect(config.publicUrl).toBe('https://accounts.example.com');
  });

  it('treats empty values as unset', () => expect(loadConfig({ PORT: '', SYNC_DELAY: '' }).PORT).toBe(3000));

  it.each([
    [{ SYNC_DELAY: '5' }, /^SYNC_DELAY: expected a duration such as "5m".*\(got "5"\)/],
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ REMINDER_SCHEDULE: '1d,later' }, /^REMINDER_SCHEDULE: expected comma-separated durations/],
    [{ REMINDER_SCHEDULE: '1d,8d' }, /^REMINDER_SCHEDULE: every reminder must come before INVITE_TTL/],
    [{ MONGO_URL: 'http://mongo' }, /^MONGO_URL: expected a mongodb or mongodb\\\+srv URL/],
    [{ TEMPORAL_ADDRESS: 'temporal' }, /^TEMPORAL_ADDRESS: expected host:port/],
    [{ TOKEN_SECRET: 'short' }, /^TOKEN_SECRET: must be at least 32 characters/],
    [{ EMAIL_RATE_PER_SECOND: '-1' }, /^EMAIL_RATE_PER_SECOND: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
  ])('names the bad variable: %j', (env, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('requires real infrastructure and a secret in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['MONGO_URL', 'PUBLIC_URL', 'SMTP_URL', 'TEMPORAL_ADDRESS', 'TOKEN_SECRET']);
  });

  it('lists every problem at once', () => expect(problemsOf({ PORT: 'x', SYNC_DELAY: 'y' })).toHaveLength(2));
});
