import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../harness/context.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { screenshot } from './support/browser.js';
import { signInToAdmin, startBrowserStack, type BrowserStack } from './support/stack.js';

/**
 * The seed's whole journey, as an office's supervisor lives it in Portuguese: the "Configurar
 * agora" message, the spreadsheet, the review ("Email duplicado", Gravar), "Atualizar Contas", the
 * people registering, and on a Plus plan "Vinculei no sistema principal" until everyone who
 * registered can sign in. Links live long enough for the test, with no reminder in between.
 */
const config = testConfig({ SYNC_DELAY: '2s', REMINDER_SCHEDULE: '10m', INVITE_TTL: '30m' });
let stack: BrowserStack;
let page: Page;
let tenantId = '';
const domain = `${randomUUID().slice(0, 6)}.escritorio.test`;
const people = {
  sofia: `sofia@${domain}`,
  joao: `joao@${domain}`,
  ines: `ines@${domain}`,
  lucia: `lucia@${domain}`,
};
const office = { email: `sofia.console@${domain}`, password: 'escritorio senha 1' };
const password = 'senha-forte-2024';

// What Excel in Brazil saves: Portuguese headers, `;`, Windows-1252 ("ç" and "ã" one byte each),
// CRLF. Inês has João's address in capitals (a duplicate); Conceição's profile is not one.
const spreadsheet = Buffer.from(
  [
    'Código;Nome;Usuário atual;E-mail;Perfil;Idioma',
    `2;João Araújo;joao;${people.joao};Membro;Português`,
    `3;Inês Gonçalves;ines;${people.joao.toUpperCase()};Membro;Português`,
    `4;Conceição Lima;conceicao;conceicao@${domain};Gerente;Português`,
    `5;Lúcia Ferreira;lucia;${people.lucia};Membro;Português`,
    '',
  ].join('\r\n'),
  'latin1',
);

/** Nothing an office reads names the machinery (STYLE/PRODUCT: no developer words). */
async function expectNoDeveloperWords() {
  const text = (await page.locator('#main-content').innerText()).toLowerCase();
  for (const word of ['workflow', 'worker', 'temporal', 'fila', 'task queue', 'npm']) expect(text, word).not.toContain(word);
}

async function register(email: string) {
  const { token } = registrationLink((await waitForMessages(email, 1))[0]!);
  const person = await stack.browser.newPage({ viewport: { width: 420, height: 860 }, locale: 'pt-BR' });
  await person.goto(`${stack.url}/register/${token}`);
  await person.getByTestId('account-information').getByText(email).waitFor();
  await person.fill('input[name="password"]', password);
  await person.fill('input[name="passwordConfirmation"]', password);
  await person.getByRole('button', { name: 'Registrar-me' }).click();
  await person.getByTestId('registered').waitFor();
  await person.close();
}

beforeAll(async () => {
  stack = await startBrowserStack(config, { worker: true });
  // The platform's support sets the office up: a Plus plan, its supervisor, and her console account.
  const tenant = await stack.adminApi.post('/api/admin/tenants', { name: `Escritório Contábil ${randomUUID().slice(0, 4)}`, plan: 'plus' });
  tenantId = tenant.body.id;
  const sofia = await stack.adminApi.post('/api/admin/users', {
    tenantId,
    code: 1,
    name: 'Sofia Supervisora',
    legacyUsername: 'sofia',
    email: people.sofia,
    role: 'supervisor',
    locale: 'pt-BR',
    sendInvitation: false,
  });
  expect(sofia.status, JSON.stringify(sofia.body)).toBe(201);
  const account = await stack.adminApi.post('/api/admin/admins', { ...office, name: 'Sofia (console)', role: 'admin', tenantUserId: sofia.body.id });
  expect(account.status, JSON.stringify(account.body)).toBe(201);
  page = await stack.browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'pt-BR' });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
  await signInToAdmin(page, stack.url, office, 'office');
});
afterAll(async () => {
  await stack?.stop();
});

describe("an office's login migration, in Portuguese, in a real browser", () => {
  it('greets the office with the "Configurar agora" message', async () => {
    const card = page.getByTestId('configure-now-card');
    await card.waitFor();
    expect(await card.textContent()).toContain(
      'Para manter sua conta mais segura, o acesso ao sistema principal e ao portal de atendimento somente é permitido através de sua conta de e-mail.',
    );
    await card.getByTestId('configure-now-count').getByText('1 usuário ainda entra com o usuário antigo.').waitFor();
    await expectNoDeveloperWords();
    await screenshot(page, 'office-home-configure-now');
    await card.getByRole('link', { name: 'Configurar agora' }).click();
    await page.waitForURL(/\/migration$/);
    await page.getByTestId('migration-review').locator('tr[data-code="1"]').getByText('Sofia Supervisora').waitFor();
  });

  it('imports an Excel spreadsheet, telling the bad row in Portuguese', async () => {
    await page.getByRole('button', { name: 'Importar usuários' }).click();
    const dialog = page.getByTestId('import-dialog');
    expect(await dialog.getByRole('link', { name: 'Baixar modelo de planilha' }).getAttribute('href')).toBe('/api/admin/migration/template.csv?locale=pt-BR');
    await dialog.getByTestId('import-file').setInputFiles({ name: 'usuarios.csv', mimeType: 'text/csv', buffer: spreadsheet });
    await dialog.getByTestId('import-reading').getByText('Lido como Windows-1252, separador ; (ponto e vírgula)').waitFor();
    const rejected = dialog.locator('tr[data-row="3"]');
    expect(await rejected.getAttribute('data-result')).toBe('rejected');
    expect(await rejected.locator('[data-problem-path="role"]').textContent()).toBe('Perfil: "Gerente" não é um perfil — use supervisor ou membro');
    expect(await dialog.locator('tr[data-row="2"] [data-problem="duplicateInTenant"]').textContent()).toBe('Email duplicado');
    await screenshot(page, 'office-import-dry-run');
    await dialog.getByRole('button', { name: 'Importar 3 usuários' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('says on the users list that the imported people wait in the review, and leads there', async () => {
    await page.goto(`${stack.url}/users`);
    const notice = page.getByTestId('review-waiting');
    await notice.getByText(/^4 pessoas aguardam na revisão dos usuários\. As importadas aparecem nesta lista quando/).waitFor();
    await page.locator('tbody tr', { hasText: 'Sofia Supervisora' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1); // Sofia, created in the console: the imported three are not listed
    await notice.getByRole('link', { name: 'Revisão dos usuários' }).click();
    await page.getByTestId('migration-review').waitFor();
  });

  it('fixes the duplicated e-mail with Gravar, from the rows with problems', async () => {
    const review = page.getByTestId('migration-review');
    await review.locator('tr[data-code="3"] [data-problem="duplicateInTenant"]').waitFor();
    expect(await review.locator('tr[data-code="4"]').count()).toBe(0);
    await page.getByTestId('review-counts').locator('[data-count="withProblems"]').getByText('2 com problemas').waitFor();
    await screenshot(page, 'office-review');

    await page.getByLabel('Só com problemas').check();
    await review.locator('tr[data-code="1"]').waitFor({ state: 'detached' });
    const shown = await review.locator('tr[data-code]').all();
    expect(await Promise.all(shown.map((row) => row.getAttribute('data-code')))).toEqual(['2', '3']);
    const ines = review.locator('tr[data-code="3"]');
    await ines.getByRole('button', { name: 'Corrigir o e-mail' }).click();
    await ines.locator('input[name="proposedEmail-3"]').fill(people.ines);
    await ines.getByRole('button', { name: 'Gravar' }).click();
    await page.getByText('Nenhum usuário a migrar tem problema de e-mail.').waitFor();

    await page.getByLabel('Só com problemas').uncheck();
    await review.locator('tr[data-code="3"]').getByText(people.ines).waitFor();
    expect(await review.locator('[data-problem]').count()).toBe(0);
    await expectNoDeveloperWords();
  });

  it('updates the accounts on behalf of the qualified supervisor', async () => {
    expect(await page.getByTestId('acting-user-named').textContent()).toBe('Atualizar em nome de: Sofia Supervisora (código 1)');
    await screenshot(page, 'office-review-ready');
    await page.getByTestId('update-accounts').getByRole('button', { name: 'Atualizar Contas' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Atualizar Contas' }).click();
    await page.waitForURL(/\/activation\?migrationId=/);
    await page.getByTestId('activation-tracker').waitFor();
    for (const email of Object.values(people)) await waitForMessages(email, 1);
  });

  it('shows who registered waiting for the link in the main system, at 0 %', async () => {
    await register(people.joao);
    await register(people.lucia);
    const tracker = page.getByTestId('activation-tracker');
    await tracker.locator('[data-testid="people-linking"][data-count="2"]').waitFor({ timeout: 30_000 });
    const progress = tracker.getByTestId('activation-progress');
    expect(await progress.getAttribute('data-active')).toBe('0');
    expect(await progress.getAttribute('data-total')).toBe('4');
    expect(await progress.getByTestId('people-active-of-total').textContent()).toBe('0 de 4 pessoas ativas');
    expect(await tracker.getByTestId('active-of-registered').textContent()).toMatch(/^0% de quem se cadastrou já tem acesso/);
    const joao = tracker.locator('tr[data-reason="linking"]', { hasText: 'João Araújo' });
    await joao.getByText('Cadastrou-se; aguardando o vínculo no sistema principal').waitFor();
    await expectNoDeveloperWords();
    await screenshot(page, 'office-activation-linking');
  });

  it("copies an invited person's link to send it another way", async () => {
    const tracker = page.getByTestId('activation-tracker');
    await tracker.getByLabel('Convidados há mais de (dias)').fill('0');
    const ines = tracker.locator('tr[data-reason="invitedLongAgo"]', { hasText: 'Inês Gonçalves' });
    await ines.getByRole('button', { name: 'Copiar o link' }).click();
    const dialog = page.getByTestId('copy-link-dialog');
    const link = await dialog.getByTestId('registration-link').inputValue();
    const mailed = registrationLink((await messagesTo(people.ines))[0]!);
    expect(link).toBe(`${config.publicUrl}/register/${mailed.token}`);
    await dialog.getByText('vale até').waitFor();
    await dialog.getByRole('button', { name: 'Fechar' }).click();
    await tracker.getByLabel('Convidados há mais de (dias)').fill('3');
  });

  it('confirms "Vinculei no sistema principal" in the tracker and on a person\'s page: everyone who registered is active', async () => {
    const tracker = page.getByTestId('activation-tracker');
    await tracker.locator('tr[data-reason="linking"]', { hasText: 'João Araújo' }).getByRole('button', { name: 'Vinculei no sistema principal' }).click();
    await tracker.locator('[data-testid="people-active"][data-count="1"]').waitFor({ timeout: 30_000 });
    expect(await tracker.getByTestId('active-of-registered').textContent()).toMatch(/^50% de quem se cadastrou/);

    // Lúcia, from her own page.
    await tracker.locator('tr[data-reason="linking"]', { hasText: 'Lúcia Ferreira' }).getByRole('link', { name: 'Lúcia Ferreira' }).click();
    await page.waitForURL(/\/users\/[0-9a-f]{24}\/show$/);
    await page.getByRole('button', { name: 'Vinculei no sistema principal' }).click();
    await page.locator('[data-status="active"]').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('temporal-link').count()).toBe(0);
    await page.getByText('Situação agora').waitFor();
    await expectNoDeveloperWords();

    await page.goto(`${stack.url}/activation`);
    await page.locator('[data-testid="people-active"][data-count="2"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('activation-progress').getAttribute('data-active-of-registered')).toBe('100');
    expect(await page.getByTestId('active-of-registered').textContent()).toMatch(/^100% de quem se cadastrou já tem acesso/);
    await screenshot(page, 'office-activation-active');

    for (const email of [people.joao, people.lucia]) {
      const messages = await waitForMessages(email, 2);
      expect(messages.map((message) => message.subject)).toContainEqual(expect.stringMatching(/^Seu acesso a Escritório Contábil .* está pronto$/));
    }
  });

  it('brings the tracker home once the accounts are updated', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByTestId('office-home').getByTestId('activation-tracker').waitFor();
    expect(await page.getByTestId('configure-now-card').count()).toBe(0);
  });
});
