import { describe, expect, it } from 'vitest';
import { redactUrl, requestSerializer, responseSerializer } from '../../api/http/log-redaction.js';
import { createLogger } from '../../config/logger.js';

const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';

describe('log redaction', () => {
  it.each([
    [`/register/${token}`, '/register/[token]'],
    [`/register/${token}?lang=pt`, '/register/[token]?lang=pt'],
    [`/api/public/invitations/${token}`, '/api/public/invitations/[token]'],
    [`/api/public/invitations/${token}/accept`, '/api/public/invitations/[token]/accept'],
    [`/API/PUBLIC/INVITATIONS/${token}/renew`, '/API/PUBLIC/INVITATIONS/[token]/renew'],
    [`/api/public/invitations/short/accept`, '/api/public/invitations/[token]/accept'],
    [`/somewhere/${token}/else`, '/somewhere/[redacted]/else'],
    ['/api/admin/invitations/65f0c0ffee0000000000abcd', '/api/admin/invitations/65f0c0ffee0000000000abcd'],
    [`/api/v1/users?token=${token}&q=ana&api_key=ak_x&sessionId=s`, '/api/v1/users?token=[redacted]&q=ana&api_key=[redacted]&sessionId=[redacted]'],
    ['/api/admin/users?_sort=name&_order=ASC', '/api/admin/users?_sort=name&_order=ASC'],
  ])('%s → %s', (url, expected) => expect(redactUrl(url)).toBe(expected));

  it('drops credential headers and cleans URLs in headers', () => {
    const req = requestSerializer({
      id: 'r1',
      method: 'GET',
      url: `/register/${token}`,
      headers: {
        authorization: 'Bearer ak_secret',
        cookie: 'admin_session=s',
        'x-api-key': 'ak_secret',
        referer: `http://app/register/${token}`,
        'user-agent': 'ua',
      },
      remoteAddress: '127.0.0.1',
      remotePort: 1,
    });
    expect(req).toEqual({
      id: 'r1',
      method: 'GET',
      url: '/register/[token]',
      headers: { referer: 'http://app/register/[token]', 'user-agent': 'ua' },
      remoteAddress: '127.0.0.1',
      remotePort: 1,
    });
    expect(responseSerializer({ statusCode: 200, headers: { 'Set-Cookie': ['admin_session=s'], 'content-type': 'application/json' } })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
});

describe('the base logger', () => {
  it('censors secret-sounding keys in anything logged', async () => {
    const lines: string[] = [];
    const logger = await createLogger({ LOG_LEVEL: 'debug', LOG_FORMAT: undefined, NODE_ENV: 'test' }, 'unit', {
      write: (line: string) => void lines.push(line),
    });
    logger.info(
      {
        password: 'p1',
        body: { password: 'p2', passwordConfirmation: 'p3', token: 't1' },
        apiKey: 'k1',
        req: { headers: { authorization: 'Bearer k2', cookie: 's1' } },
      },
      'hello',
    );
    expect(lines).toHaveLength(1);
    for (const secret of ['p1', 'p2', 'p3', 't1', 'k1', 'k2', 's1']) expect(lines[0]).not.toContain(`"${secret}`);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      password: '[redacted]',
      body: { password: '[redacted]', token: '[redacted]' },
      msg: 'hello',
      service: 'unit',
    });
  });
});
