import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userListWhere } from '../../api/admin/resources/users.js';
import { UserModel } from '../../data/models/index.js';
import { searchKeys } from '../../data/models/user-search.js';
import { connectTestMongo, testConfig } from '../harness/context.js';

/**
 * The search keys behind `q` follow the name and the e-mail through every way the code writes
 * users (data/models/user-search.ts), and `q` keeps its meaning: a case-insensitive prefix of the
 * name or of the login e-mail.
 */
const config = testConfig();
let mongo: Awaited<ReturnType<typeof connectTestMongo>>;
const tenantId = new Types.ObjectId();
let code = 1;
const newUser = (name: string, email?: string) => ({ tenantId, code: code++, name, ...(email ? { email } : {}), role: 'member', locale: 'en', status: 'staged', statusChangedAt: new Date() }) as const;
const stored = async (id: unknown) => (await UserModel.findById(id, { nameLower: 1, nameKeys: 1, emailKeys: 1 }).lean())!;
const search = async (q: string) => (await UserModel.find(userListWhere({ q }), { name: 1 }).sort({ nameLower: 1, _id: 1 }).lean()).map((user) => user.name);

beforeAll(async () => {
  mongo = await connectTestMongo(config);
});
afterAll(async () => {
  await mongo?.disconnect();
});

describe('search keys', () => {
  it('are the first 1 to 10 characters, by code point', () => {
    expect(searchKeys('joão silva costa')).toEqual(['j', 'jo', 'joã', 'joão', 'joão ', 'joão s', 'joão si', 'joão sil', 'joão silv', 'joão silva']);
    expect(searchKeys('zé')).toEqual(['z', 'zé']);
  });

  it('follow the name and the e-mail through create, insertMany, updates and bulkWrite', async () => {
    const created = await UserModel.create(newUser('Zélia Prado', 'zelia@example.com'));
    expect(await stored(created._id)).toMatchObject({ nameLower: 'zélia prado', nameKeys: searchKeys('zélia prado'), emailKeys: searchKeys('zelia@example.com') });

    const [inserted] = await UserModel.insertMany([newUser('Bruno Costa')]);
    expect(await stored(inserted!._id)).toMatchObject({ nameLower: 'bruno costa', nameKeys: searchKeys('bruno costa') });
    expect((await stored(inserted!._id)).emailKeys).toBeUndefined();

    // The admin's edit form: $set of the name, then of the e-mail.
    await UserModel.updateOne({ _id: created._id }, { $set: { name: 'Ana Reis' } });
    await UserModel.updateOne({ _id: created._id }, { $set: { email: 'ana.reis@example.com' } });
    expect(await stored(created._id)).toMatchObject({ nameLower: 'ana reis', nameKeys: searchKeys('ana reis'), emailKeys: searchKeys('ana.reis@example.com') });

    // The migration review takes the login away; the migration assigns it with a bulkWrite.
    await UserModel.updateOne({ _id: created._id }, { $set: { proposedEmail: 'ar@example.com' }, $unset: { email: 1 } });
    expect((await stored(created._id)).emailKeys).toBeUndefined();
    await UserModel.bulkWrite([{ updateOne: { filter: { _id: created._id, email: { $exists: false } }, update: { $set: { email: 'ar@example.com' } } } }]);
    expect((await stored(created._id)).emailKeys).toEqual(searchKeys('ar@example.com'));
  });
});

describe('q', () => {
  beforeAll(async () => {
    await UserModel.insertMany([
      newUser('Mariana Souza', 'mari.souza@example.com'),
      newUser('Mariana Silva', 'ms@example.com'),
      newUser('Mário Santos', 'mario@example.com'),
      newUser('Maria Aparecida da Conceição', 'cida@example.com'),
    ]);
  });

  it('is a case-insensitive prefix of the name or of the e-mail, never a word inside', async () => {
    // Mário by his e-mail (mario@…): names keep their accents, as before.
    expect(await search('MARI')).toEqual(['Maria Aparecida da Conceição', 'Mariana Silva', 'Mariana Souza', 'Mário Santos']);
    expect(await search('maria')).toEqual(['Maria Aparecida da Conceição', 'Mariana Silva', 'Mariana Souza']);
    expect(await search('mário')).toEqual(['Mário Santos']);
    expect(await search('CIDA@')).toEqual(['Maria Aparecida da Conceição']);
    expect(await search('silva')).toEqual([]);
  });

  it('longer than the keys: the rest is checked on the candidates', async () => {
    expect(await search('Mariana Sil')).toEqual(['Mariana Silva']);
    expect(await search('mariana sou')).toEqual(['Mariana Souza']);
    expect(await search('maria aparecida da c')).toEqual(['Maria Aparecida da Conceição']);
    expect(await search('mari.souza@example.com')).toEqual(['Mariana Souza']);
    expect(await search('mari.souza@example.org')).toEqual([]);
    // Regex characters in q are text.
    expect(await search('mari.souz(')).toEqual([]);
  });

  it('combines with the other filters', async () => {
    expect(await UserModel.countDocuments(userListWhere({ q: 'mariana', status: 'staged', tenantId: String(tenantId) }))).toBe(2);
    expect(await UserModel.countDocuments(userListWhere({ q: 'mariana', status: 'active' }))).toBe(0);
  });
});
