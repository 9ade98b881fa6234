import { Types } from 'mongoose';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userListWhere } from '../../data/users.js';
import { UserModel } from '../../data/models/index.js';
import { emailSearchKeys, nameSearchKeys, SEARCH_KEYS_VERSION } from '../../data/models/user-search.js';
import { refreshStaleSearchKeys } from '../../data/user-search-refresh.js';
import { connectTestMongo, testConfig } from '../harness/context.js';

/**
 * The search keys behind `q` follow the name and the e-mail through every way the code writes
 * users (data/models/user-search.ts), and `q` keeps its meaning: its words start consecutive words
 * of the name, or it starts the login e-mail, without case or accents.
 */
const config = testConfig();
let mongo: Awaited<ReturnType<typeof connectTestMongo>>;
const tenantId = new Types.ObjectId();
let code = 1;
const newUser = (name: string, email?: string) =>
  ({ tenantId, code: code++, name, ...(email ? { email } : {}), role: 'member', locale: 'en', status: 'staged', statusChangedAt: new Date() }) as const;
const stored = async (id: unknown) => (await UserModel.findById(id, { nameLower: 1, nameKeys: 1, emailKeys: 1, searchKeysVersion: 1 }).lean())!;
const search = async (q: string) =>
  (
    await UserModel.find({ ...userListWhere(PLATFORM_SCOPE, { q }), tenantId }, { name: 1 })
      .sort({ nameLower: 1, _id: 1 })
      .lean()
  ).map((user) => user.name);

beforeAll(async () => {
  mongo = await connectTestMongo(config);
});
afterAll(async () => {
  await mongo?.disconnect();
});

describe('search keys', () => {
  it('are the first 1 to 16 characters of the folded name from each word on, never ending in a space, and each text whole when longer', () => {
    expect(nameSearchKeys('João Silva Costa')).toEqual([
      ...['j', 'jo', 'joa', 'joao', 'joao s', 'joao si', 'joao sil', 'joao silv', 'joao silva'],
      ...['joao silva c', 'joao silva co', 'joao silva cos', 'joao silva cost', 'joao silva costa'],
      ...['s', 'si', 'sil', 'silv', 'silva', 'silva c', 'silva co', 'silva cos', 'silva cost', 'silva costa'],
      ...['c', 'co', 'cos', 'cost', 'costa'],
    ]);
    expect(nameSearchKeys('Zé')).toEqual(['z', 'ze']);
    // A word that repeats gives its keys once.
    expect(nameSearchKeys('Ana Ana')).toEqual(['a', 'an', 'ana', 'ana a', 'ana an', 'ana ana']);
    // Past 16 characters, the whole text from each word on, and nothing between.
    const long = nameSearchKeys('Maria Aparecida da Conceição');
    expect(long).toContain('maria aparecida');
    expect(long).not.toContain('maria aparecida d');
    expect(long).toContain('maria aparecida da conceicao');
    expect(long).toContain('aparecida da con');
    expect(long).not.toContain('aparecida da conc');
    expect(long).toContain('aparecida da conceicao');
    // 16 prefixes but two ending in a space, and the whole; the same; "da conceicao" (12) but one; "conceicao".
    expect(long).toHaveLength(14 + 1 + (14 + 1) + 11 + 9);
    expect(emailSearchKeys('luis.s@example.com')).toEqual([
      ...['l', 'lu', 'lui', 'luis', 'luis.', 'luis.s', 'luis.s@', 'luis.s@e', 'luis.s@ex', 'luis.s@exa', 'luis.s@exam', 'luis.s@examp'],
      ...['luis.s@exampl', 'luis.s@example', 'luis.s@example.', 'luis.s@example.c', 'luis.s@example.com'],
    ]);
  });

  it('follow the name and the e-mail through create, insertMany, updates and bulkWrite', async () => {
    const created = await UserModel.create(newUser('Zélia Prado', 'zelia@example.com'));
    expect(await stored(created._id)).toMatchObject({
      nameLower: 'zelia prado',
      nameKeys: nameSearchKeys('zélia prado'),
      emailKeys: emailSearchKeys('zelia@example.com'),
    });

    const [inserted] = await UserModel.insertMany([newUser('Bruno Costa')]);
    expect(await stored(inserted!._id)).toMatchObject({
      nameLower: 'bruno costa',
      nameKeys: nameSearchKeys('bruno costa'),
      searchKeysVersion: SEARCH_KEYS_VERSION,
    });
    expect((await stored(inserted!._id)).emailKeys).toBeUndefined();

    // The admin's edit form: $set of the name, then of the e-mail.
    await UserModel.updateOne({ _id: created._id }, { $set: { name: 'Ana Reis' } });
    await UserModel.updateOne({ _id: created._id }, { $set: { email: 'ana.reis@example.com' } });
    expect(await stored(created._id)).toMatchObject({
      nameLower: 'ana reis',
      nameKeys: nameSearchKeys('ana reis'),
      emailKeys: emailSearchKeys('ana.reis@example.com'),
    });

    // The migration review takes the login away (the proposed e-mail keys the search until then); the migration assigns it with a bulkWrite.
    await UserModel.updateOne({ _id: created._id }, { $set: { proposedEmail: 'ar.proposed@example.com' }, $unset: { email: 1 } });
    expect((await stored(created._id)).emailKeys).toEqual(emailSearchKeys('ar.proposed@example.com'));
    await UserModel.updateOne({ _id: created._id }, { $unset: { email: 1 } });
    expect((await stored(created._id)).emailKeys).toBeUndefined();
    const staged = await UserModel.create({ ...newUser('Staged Person'), proposedEmail: 'staged.person@example.com' });
    expect((await stored(staged._id)).emailKeys).toEqual(emailSearchKeys('staged.person@example.com'));
    await UserModel.deleteOne({ _id: staged._id });
    await UserModel.bulkWrite([{ updateOne: { filter: { _id: created._id, email: { $exists: false } }, update: { $set: { email: 'ar@example.com' } } } }]);
    expect((await stored(created._id)).emailKeys).toEqual(emailSearchKeys('ar@example.com'));
    await UserModel.deleteMany({ _id: { $in: [created._id, inserted!._id] } });
  });

  it('of an earlier scheme are re-derived at start-up', async () => {
    // An invited user (out of the migration review) and one waiting in it, both keyed by the first scheme.
    const [user, waiting] = await UserModel.insertMany([
      { ...newUser('Célia Brandão', 'celia@example.com'), status: 'invited', invitedAt: new Date() },
      newUser('Brandão Waiting'),
    ]);
    // As the first scheme left them: prefixes of the lowercased full name, no version.
    await UserModel.collection.updateMany(
      { _id: { $in: [user!._id, waiting!._id] } },
      { $set: { nameLower: 'célia brandão', nameKeys: ['c', 'cé', 'cél'] }, $unset: { searchKeysVersion: 1 } },
    );
    expect(await search('brandao')).toEqual([]);
    // The one in the review is left: its keys are derived when "Update accounts" takes it (data/user-search-refresh.ts).
    expect(await refreshStaleSearchKeys()).toBe(1);
    expect((await stored(waiting!._id)).searchKeysVersion).toBeUndefined();
    await UserModel.deleteOne({ _id: waiting!._id });
    expect(await stored(user!._id)).toMatchObject({
      nameLower: 'celia brandao',
      nameKeys: nameSearchKeys('Célia Brandão'),
      searchKeysVersion: SEARCH_KEYS_VERSION,
    });
    expect(await search('brandao')).toEqual(['Célia Brandão']);
    expect(await refreshStaleSearchKeys()).toBe(0);
    await UserModel.deleteOne({ _id: user!._id });
  });
});

describe('q', () => {
  beforeAll(async () => {
    await UserModel.insertMany([
      newUser('Mariana Souza', 'mari.souza@example.com'),
      newUser('Mariana Silva', 'ms@example.com'),
      newUser('Mário Santos', 'mario@example.com'),
      newUser('Maria Aparecida da Conceição', 'cida@example.com'),
      newUser('João Silva Costa', 'jsc@example.com'),
      newUser('Ana-Luísa D’Ávila', 'luisa@example.com'),
    ]);
  });

  it('starts the name or the e-mail, in any case, never the middle of a word', async () => {
    expect(await search('MARI')).toEqual(['Maria Aparecida da Conceição', 'Mariana Silva', 'Mariana Souza', 'Mário Santos']);
    expect(await search('maria')).toEqual(['Maria Aparecida da Conceição', 'Mariana Silva', 'Mariana Souza']);
    expect(await search('CIDA@')).toEqual(['Maria Aparecida da Conceição']);
    expect(await search('ana')).toEqual(['Ana-Luísa D’Ávila']);
    expect(await search('ilva')).toEqual([]);
  });

  it('finds any word of the name: surnames', async () => {
    expect(await search('costa')).toEqual(['João Silva Costa']);
    expect(await search('Silva')).toEqual(['João Silva Costa', 'Mariana Silva']);
    expect(await search('s')).toEqual(['João Silva Costa', 'Mariana Silva', 'Mariana Souza', 'Mário Santos']);
    expect(await search('aparecida')).toEqual(['Maria Aparecida da Conceição']);
  });

  it('ignores accents, typed or stored', async () => {
    expect(await search('joao')).toEqual(['João Silva Costa']);
    expect(await search('conceicao')).toEqual(['Maria Aparecida da Conceição']);
    expect(await search('CONCEIÇÃO')).toEqual(['Maria Aparecida da Conceição']);
    expect(await search('mário')).toEqual(['Mário Santos']);
    expect(await search('avila')).toEqual(['Ana-Luísa D’Ávila']);
    expect(await search('luisa')).toEqual(['Ana-Luísa D’Ávila']);
  });

  it('takes several words as consecutive words of the name, each by its start', async () => {
    expect(await search('JOÃO S')).toEqual(['João Silva Costa']);
    expect(await search('joao   silva c')).toEqual(['João Silva Costa']);
    expect(await search('silva c')).toEqual(['João Silva Costa']);
    expect(await search('mariana s')).toEqual(['Mariana Silva', 'Mariana Souza']);
    expect(await search('Mariana Sil')).toEqual(['Mariana Silva']);
    expect(await search('ana-luisa d')).toEqual(['Ana-Luísa D’Ávila']);
    // Not in that order, or not next to each other.
    expect(await search('costa joao')).toEqual([]);
    expect(await search('joao costa')).toEqual([]);
  });

  it('longer than the keys: a range over the whole texts, still exact', async () => {
    expect(await search('mariana sou')).toEqual(['Mariana Souza']);
    expect(await search('maria aparecida da c')).toEqual(['Maria Aparecida da Conceição']);
    expect(await search('aparecida da conceicao')).toEqual(['Maria Aparecida da Conceição']);
    expect(await search('aparecida da conceicaox')).toEqual([]);
    expect(await search('joao silva costa')).toEqual(['João Silva Costa']);
    expect(await search('mari.souza@example.com')).toEqual(['Mariana Souza']);
    expect(await search('mari.souza@example.org')).toEqual([]);
    // Regex characters in q are text.
    expect(await search('mari.souz(')).toEqual([]);
    expect(await search('mari.souz.')).toEqual([]);
  });

  it('finds nothing for punctuation alone', async () => {
    expect(await search('- -')).toEqual([]);
    expect(await search('@')).toEqual([]);
  });

  it('combines with the other filters', async () => {
    expect(await UserModel.countDocuments(userListWhere(PLATFORM_SCOPE, { q: 'mariana', status: 'staged', tenantId: String(tenantId) }))).toBe(2);
    expect(await UserModel.countDocuments(userListWhere(PLATFORM_SCOPE, { q: 'costa', status: 'staged', tenantId: String(tenantId) }))).toBe(1);
    expect(await UserModel.countDocuments(userListWhere(PLATFORM_SCOPE, { q: 'mariana', status: 'active' }))).toBe(0);
  });
});

describe('q on the commonest starts of a national base', () => {
  const common = new Types.ObjectId();
  const searchCommon = async (q: string) =>
    (
      await UserModel.find({ ...userListWhere(PLATFORM_SCOPE, { q }), tenantId: common }, { name: 1 })
        .sort({ nameLower: 1, _id: 1 })
        .lean()
    ).map((user) => user.name);
  beforeAll(async () => {
    await UserModel.insertMany(
      [
        newUser('Maria da Silva Santos', 'maria.santos1@example.com'),
        newUser('Maria da Silva Souza', 'maria.souza2@example.com'),
        newUser('Maria da Silva', 'maria.silva3@example.com'),
        newUser('João Silva 90', 'joao.silva90@example.com'),
        newUser('João Silva Neto', 'joao.neto@example.com'),
        newUser('Ana Paula Santos Lima', 'ana.lima@example.com'),
        newUser('Ana Paula Santana', 'ana.santana@example.com'),
      ].map((user) => ({ ...user, tenantId: common })),
    );
  });

  it('long queries on the commonest starts find exactly who they name', async () => {
    expect(await searchCommon('maria da silva s')).toEqual(['Maria da Silva Santos', 'Maria da Silva Souza']);
    expect(await searchCommon('Maria da Silva')).toEqual(['Maria da Silva', 'Maria da Silva Santos', 'Maria da Silva Souza']);
    expect(await searchCommon('joão silva 9')).toEqual(['João Silva 90']);
    expect(await searchCommon('JOAO SILVA 90')).toEqual(['João Silva 90']);
    expect(await searchCommon('joao silva 91')).toEqual([]);
    expect(await searchCommon('ana paula santos')).toEqual(['Ana Paula Santos Lima']);
    expect(await searchCommon('ana paula sant')).toEqual(['Ana Paula Santana', 'Ana Paula Santos Lima']);
    expect(await searchCommon('da silva s')).toEqual(['Maria da Silva Santos', 'Maria da Silva Souza']);
    expect(await searchCommon('maria.s')).toEqual(['Maria da Silva', 'Maria da Silva Santos', 'Maria da Silva Souza']);
    expect(await searchCommon('maria.silva3@ex')).toEqual(['Maria da Silva']);
  });

  it('longer than the keys (16 characters): a range over the whole texts, still exact', async () => {
    expect(await searchCommon('maria da silva santos')).toEqual(['Maria da Silva Santos']);
    expect(await searchCommon('maria da silva sou')).toEqual(['Maria da Silva Souza']);
    expect(await searchCommon('ana paula santos lima')).toEqual(['Ana Paula Santos Lima']);
    expect(await searchCommon('ana paula santos limaa')).toEqual([]);
    expect(await searchCommon('maria.santos1@example')).toEqual(['Maria da Silva Santos']);
    expect(await searchCommon('maria.santos1@example.com')).toEqual(['Maria da Silva Santos']);
    expect(await searchCommon('maria.santos1@example.com.br')).toEqual([]);
  });
});
