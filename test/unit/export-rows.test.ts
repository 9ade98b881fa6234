import { describe, expect, it } from 'vitest';
import { exportRows } from '../../admin/shared/export-rows.js';

describe("the console's exports", () => {
  it('neutralise every cell a spreadsheet would run as a formula, nested ones included', () => {
    const { columns, rows } = exportRows([
      {
        id: 'a1',
        action: 'user.created',
        actor: { type: 'integration', label: '=HYPERLINK("http://evil.example","x")' },
        after: { name: '+SUM(A1)', deep: { x: 1 } },
      },
      { id: 'a2', action: '@cmd', actor: null, tags: ['-1', 'b'], at: '2026-12-06T10:00:00.000Z' },
    ]);
    expect(columns).toEqual(['id', 'action', 'actor.type', 'actor.label', 'after.name', 'after.deep', 'actor', 'tags', 'at']);
    expect(rows[0]).toMatchObject({ 'actor.label': `'=HYPERLINK("http://evil.example","x")`, 'after.name': "'+SUM(A1)", 'after.deep': '{"x":1}' });
    expect(rows[1]).toMatchObject({ action: "'@cmd", actor: '', tags: "'-1, b", at: '2026-12-06T10:00:00.000Z', 'actor.label': '' });
  });
});
