/**
 * Every write, many at once: same-title creates, new tags shared by parallel creates, one email
 * (and one username) registered from many addresses at once, a burst of wrong logins, comments
 * racing the deletion of their article, double deletes of comments, updates replacing the tags
 * of the same articles, same-title renames. Each burst says which answers are allowed and how
 * many of each; the model takes the successes for the integrity pass.
 */
import type { Answer, Client, Request } from './client.js';
import type { Model, UserModel } from './model.js';

export interface ConcurrencyContext {
  client: Client;
  model: Model;
  seed: number;
  /** Users registered for the bursts (at least three). */
  users: UserModel[];
  /** A loopback address of its own for each burst that must not share a rate limit. */
  address(n: number): string;
}

const PHASE = 'concurrency';

/** A burst: every request at once; answers in the order sent. */
async function burst(client: Client, requests: Request[]): Promise<Answer[]> {
  return Promise.all(requests.map((r) => client.send(PHASE, r)));
}

const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;
const statuses = (answers: Answer[]) => {
  const by = new Map<string, number>();
  for (const a of answers) by.set(String(a.status), (by.get(String(a.status)) ?? 0) + 1);
  return [...by].map(([s, n]) => `${n} × ${s}`).join(', ');
};

export async function concurrency(ctx: ConcurrencyContext): Promise<string[]> {
  const { client, model, users, seed } = ctx;
  const problems: string[] = [];
  const tag = seed.toString(36);
  let addressN = 0;
  const fresh = () => ctx.address(++addressN);
  const [a, b, c] = users;

  /** Marks every answer outside `allowed` and records a problem line for the burst. */
  const expect = (what: string, answers: Answer[], allowed: number[]) => {
    const bad = answers.filter((x) => typeof x.status !== 'number' || !allowed.includes(x.status));
    for (const x of bad) x.entry.problem ??= `${what}: ${x.status} is not one of ${allowed.join(', ')}`;
    if (bad.length) problems.push(`${what}: ${statuses(answers)} (allowed: ${allowed.join(', ')})`);
  };
  const create = (user: UserModel, title: string, tagList: string[]): Request => ({
    method: 'POST',
    path: '/api/articles',
    token: user.token,
    client: user.client,
    json: { article: { title, description: 'Concurrent', body: 'Written at the same time as others.', tagList } },
  });
  const createOne = async (user: UserModel, title: string, tagList: string[] = []): Promise<string | undefined> => {
    const [answer] = await burst(client, [create(user, title, tagList)]);
    expect(`create "${title}"`, [answer], [201]);
    if (answer.status !== 201) return undefined;
    model.saveArticle(answer.json.article);
    return answer.json.article.slug as string;
  };

  // 1. Same-title creates from three authors, sharing three tags nobody has used yet.
  {
    const shared = [`new-${tag}-a`, `new-${tag}-b`, `New-${tag}-A`, `🐉-${tag}`];
    const answers = await burst(
      client,
      Array.from({ length: 24 }, (_, i) => create([a, b, c][i % 3], 'Same Title!', i % 4 === 0 ? shared : [shared[i % shared.length], `own-${tag}-${i}`])),
    );
    expect('24 same-title creates with shared new tags', answers, [201]);
    const slugs = answers.filter((x) => x.status === 201).map((x) => x.json.article.slug as string);
    if (new Set(slugs).size !== slugs.length) problems.push(`24 same-title creates: duplicate slugs in the answers (${slugs.join(', ')})`);
    answers.forEach((x, i) => {
      if (x.status !== 201) return;
      const sent = i % 4 === 0 ? shared : [shared[i % shared.length], `own-${tag}-${i}`];
      const got = [...x.json.article.tagList].sort();
      if (JSON.stringify(got) !== JSON.stringify([...sent].sort())) {
        x.entry.problem = `tagList came back as ${JSON.stringify(got)}, sent ${JSON.stringify(sent)}`;
        problems.push(`same-title creates: an article's tags came back wrong (#${x.entry.n})`);
      }
      model.saveArticle(x.json.article);
    });
  }

  // 2. One email, then one username, registered from many addresses at once: exactly one wins.
  {
    const email = `same-${tag}@rel.test`;
    const byEmail = await burst(
      client,
      Array.from({ length: 12 }, (_, i) => ({
        method: 'POST',
        path: '/api/users',
        client: fresh(),
        json: { user: { username: `same_email_${tag}_${i}`, email: i % 2 ? email.toUpperCase() : email, password: 'correct horse battery' } },
      })),
    );
    expect('12 registrations of one email', byEmail, [201, 422]);
    if (count(byEmail, 201) !== 1) problems.push(`12 registrations of one email: ${count(byEmail, 201)} succeeded, expected exactly 1 (${statuses(byEmail)})`);
    const name = `same_name_${tag}`;
    const byName = await burst(
      client,
      Array.from({ length: 12 }, (_, i) => ({
        method: 'POST',
        path: '/api/users',
        client: fresh(),
        json: { user: { username: i % 2 ? name.toUpperCase() : name, email: `same-name-${tag}-${i}@rel.test`, password: 'correct horse battery' } },
      })),
    );
    expect('12 registrations of one username', byName, [201, 422]);
    if (count(byName, 201) !== 1) problems.push(`12 registrations of one username (in two cases): ${count(byName, 201)} succeeded, expected exactly 1 (${statuses(byName)})`);
    for (const x of [...byEmail, ...byName]) {
      if (x.status === 201) model.addUser({ username: x.json.user.username, email: x.json.user.email, password: 'correct horse battery', token: x.json.user.token, client: x.entry.client });
    }
  }

  // 2b. Three users taking one new username (in two cases) and one new email at once: one wins.
  {
    const takers = model.users.filter((u) => !users.slice(0, 3).includes(u)).slice(0, 3);
    if (takers.length >= 2) {
      const name = `taken_${tag}`;
      const answers = await burst(
        client,
        takers.map((u, i) => ({ method: 'PUT', path: '/api/user', token: u.token, client: u.client, json: { user: { username: i % 2 ? name.toUpperCase() : name, email: `taken-${tag}@rel.test` } } })),
      );
      expect(`${takers.length} users renaming themselves to one username and email at once`, answers, [200, 422]);
      if (count(answers, 200) !== 1) problems.push(`${takers.length} users taking one username and email at once: ${count(answers, 200)} × 200, expected exactly 1 (${statuses(answers)})`);
      answers.forEach((x, i) => {
        if (x.status !== 200) return;
        for (const art of model.articles.values()) if (art.author === takers[i].username) art.author = x.json.user.username;
        Object.assign(takers[i], { username: x.json.user.username, email: x.json.user.email, token: x.json.user.token });
      });
    }
  }

  // 3. The throttle under a burst: 50 wrong passwords for one email from one address.
  {
    const from = fresh();
    const answers = await burst(
      client,
      Array.from({ length: 50 }, () => ({ method: 'POST', path: '/api/users/login', client: from, json: { user: { email: a.email, password: 'wrong password!' } } })),
    );
    expect('50 parallel wrong logins for one email', answers, [401, 429]);
    if (count(answers, 401) > 5) problems.push(`50 parallel wrong logins for one email: ${count(answers, 401)} × 401, the throttle allows at most 5 (${statuses(answers)})`);
    // Locked is locked: the right password from the burst's address is refused too (the limit is
    // taken before the password is checked, not counted after a failure).
    // (Ten wrong ones here: fifty would also exhaust the address's own limit, which hides this.)
    const from1 = fresh();
    const ten = await burst(client, Array.from({ length: 10 }, () => ({ method: 'POST', path: '/api/users/login', client: from1, json: { user: { email: b.email, password: 'wrong password!' } } })));
    expect('10 parallel wrong logins for one email', ten, [401, 429]);
    if (count(ten, 401) > 5) problems.push(`10 parallel wrong logins for one email: ${count(ten, 401)} × 401, the throttle allows at most 5`);
    const [locked] = await burst(client, [{ method: 'POST', path: '/api/users/login', client: from1, json: { user: { email: b.email, password: b.password } } }]);
    expect('the right password from the address that just sent 10 wrong ones', [locked], [429]);
    // The owner, from another address, still gets in: the lock is per address and email.
    const [owner] = await burst(client, [{ method: 'POST', path: '/api/users/login', client: a.client, json: { user: { email: a.email, password: a.password } } }]);
    expect('the right password from the owner\'s own address after the burst', [owner], [200]);
    // Many emails from one address: the per-address limit (50) holds too.
    const from2 = fresh();
    const many = await burst(
      client,
      Array.from({ length: 60 }, (_, i) => ({ method: 'POST', path: '/api/users/login', client: from2, json: { user: { email: `nobody-${tag}-${i}@rel.test`, password: 'wrong password!' } } })),
    );
    expect('60 parallel wrong logins for 60 emails from one address', many, [401, 429]);
    if (count(many, 401) > 50) problems.push(`60 parallel wrong logins from one address: ${count(many, 401)} × 401, the per-address throttle allows at most 50`);
  }

  // 4. Comments racing the deletion of their article (and deletes racing each other).
  {
    const slug = await createOne(a, `Doomed ${tag}`, [`doomed-${tag}`]);
    if (slug) {
      const requests: Request[] = [];
      for (let i = 0; i < 24; i++) {
        if (i % 6 === 3) requests.push({ method: 'DELETE', path: `/api/articles/${slug}`, token: a.token, client: a.client });
        else {
          const who = [b, c, a][i % 3];
          requests.push({ method: 'POST', path: `/api/articles/${slug}/comments`, token: who.token, client: who.client, json: { comment: { body: `Racing comment ${i} 🐉` } } });
        }
      }
      const answers = await burst(client, requests);
      const deletes = answers.filter((x) => x.entry.method === 'DELETE');
      const comments = answers.filter((x) => x.entry.method === 'POST');
      expect('4 parallel deletes of one article', deletes, [204, 404]);
      expect('20 comments racing the deletion of their article', comments, [201, 404, 422]);
      if (count(deletes, 204) !== 1) problems.push(`4 parallel deletes of one article: ${count(deletes, 204)} × 204, expected exactly 1`);
      if (count(deletes, 204) >= 1) model.removeArticle(slug);
      const after = await burst(client, [
        { method: 'GET', path: `/api/articles/${slug}` },
        { method: 'GET', path: `/api/articles/${slug}/comments` },
      ]);
      expect('the deleted article and its comments, read after the race', after, [404]);
    }
  }

  // 4b. One article deleted by six requests at once (its author, and an admin-less stranger).
  {
    const slug = await createOne(c, `Deleted six times ${tag}`, [`doomed-${tag}`]);
    if (slug) {
      const answers = await burst(client, [
        ...Array.from({ length: 6 }, (): Request => ({ method: 'DELETE', path: `/api/articles/${slug}`, token: c.token, client: c.client })),
        { method: 'DELETE', path: `/api/articles/${slug}`, token: a.token, client: a.client },
      ]);
      const mine = answers.slice(0, 6);
      expect('6 parallel deletes of one article by its author', mine, [204, 404]);
      expect('a stranger deleting the same article', answers.slice(6), [403, 404]);
      if (count(mine, 204) !== 1) problems.push(`6 parallel deletes of one article: ${count(mine, 204)} × 204, expected exactly 1 (${statuses(mine)})`);
      if (count(mine, 204) >= 1) model.removeArticle(slug);
    }
  }

  // 5. Every comment deleted twice at once by its author, and once by someone else.
  {
    const slug = await createOne(b, `Commented ${tag}`);
    if (slug) {
      const made = await burst(
        client,
        Array.from({ length: 8 }, (_, i) => ({ method: 'POST', path: `/api/articles/${slug}/comments`, token: c.token, client: c.client, json: { comment: { body: `Comment ${i}` } } })),
      );
      expect('8 parallel comments on one article', made, [201]);
      const ids = made.filter((x) => x.status === 201).map((x) => x.json.comment.id as number);
      for (const id of ids) model.addComment(slug, id, c.username);
      const deletes = await burst(
        client,
        ids.flatMap((id) => [
          { method: 'DELETE', path: `/api/articles/${slug}/comments/${id}`, token: c.token, client: c.client },
          { method: 'DELETE', path: `/api/articles/${slug}/comments/${id}`, token: c.token, client: c.client },
          { method: 'DELETE', path: `/api/articles/${slug}/comments/${id}`, token: a.token, client: a.client },
        ]),
      );
      expect('each comment deleted twice by its author and once by a stranger', deletes, [204, 403, 404]);
      ids.forEach((id, i) => {
        const mine = deletes.slice(i * 3, i * 3 + 2);
        const stranger = deletes[i * 3 + 2];
        if (count(mine, 204) !== 1) problems.push(`two parallel deletes of comment ${id}: ${count(mine, 204)} × 204, expected exactly 1`);
        if (stranger.status === 204) {
          stranger.entry.problem = 'a stranger deleted someone else\'s comment';
          problems.push(`comment ${id} was deleted by someone who is neither its author nor an admin`);
        }
        if (count(deletes.slice(i * 3, i * 3 + 3), 204) >= 1) model.removeComment(slug, id);
      });
    }
  }

  // 6. Updates replacing the tags of the same articles, at once, with overlapping new tags.
  {
    const pool = Array.from({ length: 6 }, (_, i) => `swap-${tag}-${i}`);
    const slugs = (await Promise.all([0, 1, 2].map((i) => createOne(a, `Retagged ${tag} ${i}`, [pool[i]])))).filter((s): s is string => s !== undefined);
    const plans: { slug: string; tags: string[] }[] = [];
    for (const slug of slugs) for (let k = 0; k < 8; k++) plans.push({ slug, tags: pool.filter((_, j) => (j + k) % 3 !== 0).slice(k % 2, 4 + (k % 3)) });
    // New articles with the same tags join the race, and one update replaces the tags with none.
    plans.push({ slug: slugs[0] ?? 'none', tags: [] });
    const answers = await burst(client, [
      ...plans.map((p): Request => ({ method: 'PUT', path: `/api/articles/${p.slug}`, token: a.token, client: a.client, json: { article: { tagList: p.tags } } })),
      ...[0, 1, 2, 3].map((i) => create(b, `Joining ${tag} ${i}`, pool.slice(i, i + 3))),
    ]);
    expect('25 parallel tag-replacing updates of 3 articles, with 4 creates using the same tags', answers, [200, 201]);
    answers.forEach((x) => x.status === 201 && model.saveArticle(x.json.article));
    // The table must end with the tags of one of the updates that answered 200 (whichever ran last).
    for (const slug of slugs) {
      const entry = model.articles.get(slug);
      const won = plans.filter((p, i) => p.slug === slug && answers[i].status === 200).map((p) => [...p.tags].sort());
      if (entry && won.length) entry.tagCandidates = won;
    }
  }

  // 7. Six articles renamed to one title at once: six different slugs.
  {
    const slugs = (await Promise.all([0, 1, 2, 3, 4, 5].map((i) => createOne([a, b, c][i % 3], `Rename me ${tag} ${i}`)))).filter((s): s is string => s !== undefined);
    const owners = [a, b, c];
    const answers = await burst(
      client,
      slugs.map((slug, i) => ({ method: 'PUT', path: `/api/articles/${slug}`, token: owners[i % 3].token, client: owners[i % 3].client, json: { article: { title: `Renamed ${tag}` } } })),
    );
    expect('6 parallel renames to one title', answers, [200]);
    const got = answers.filter((x) => x.status === 200).map((x) => x.json.article.slug as string);
    if (new Set(got).size !== got.length) problems.push(`6 parallel renames to one title: duplicate slugs ${got.join(', ')}`);
    answers.forEach((x, i) => x.status === 200 && model.saveArticle(x.json.article, slugs[i]));
  }

  return problems;
}
