/**
 * Step 06-testing: the bugs the learner's suite must notice. Each mutant is a copy of
 * solutions/06-testing with one realistic behaviour bug in it (one rule of the lessons or of
 * docs/conduit-api.md broken, the app still compiling, starting and answering). The checks run the
 * learner's tests against each: a suite that still passes has missed that bug.
 *
 * `find` strings must occur exactly once in their file: test/tools/mutants.ts fails loudly when
 * one does not (after a change to the solution, say). It also proves that the reference suite
 * (solutions/06-testing/test) passes on the solution and kills every mutant and PLANTED_BUG.
 */
import type { Mutant } from './support/suite.js';

export type { Mutant };

const ARTICLES_SERVICE = 'src/articles/articles.service.ts';
const ARTICLES_REPOSITORY = 'src/articles/articles.repository.ts';
const COMMENTS_SERVICE = 'src/comments/comments.service.ts';
const USERS_SERVICE = 'src/users/users.service.ts';

/** The bug the starter ships with, and the lesson's bug report describes: a favorite moves the article's updatedAt. */
export const PLANTED_BUG: Mutant = {
  id: 'favorite-touches-updated-at',
  bug: 'favoriting an article moves its updatedAt (the reported bug)',
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: `      await db.transaction((transaction) => Favorite.bulkCreate([{ articleId, userId, createdAt: now }], { ignoreDuplicates: true, transaction }));
    },`,
      replace: `      await db.transaction(async (transaction) => {
        await Favorite.bulkCreate([{ articleId, userId, createdAt: now }], { ignoreDuplicates: true, transaction });
        // The article changed for its readers (its favoritesCount): a new updatedAt tells caches
        // there is a new version to fetch.
        await Article.update({ updatedAt: now }, { where: { id: articleId }, transaction });
      });
    },`,
    },
  ],
};

export const MUTANTS: Mutant[] = [
  // ── Users and authentication
  {
    id: 'password-hash-in-login',
    bug: 'the login answer carries the password hash',
    edits: [
      {
        file: USERS_SERVICE,
        find: '      clientLogins.giveBack(client);\n      return toCurrentUser(user);',
        replace: '      clientLogins.giveBack(client);\n      return user.get({ plain: true }) as unknown as CurrentUser;',
      },
      {
        file: 'src/users/users.handlers.ts',
        find: 'res.json({ user: userJson(user, tokens.issue(user)) });',
        replace: 'res.json({ user: { ...user, ...userJson(user, tokens.issue(user)) } });',
      },
    ],
  },
  {
    // The login's twin: "a 201 whose body carries the password hash" (docs/06-testing.md).
    id: 'password-hash-in-register',
    bug: 'the registration answer carries the password hash',
    edits: [
      { file: USERS_SERVICE, find: '      return toCurrentUser(created);', replace: '      return created.get({ plain: true }) as unknown as CurrentUser;' },
      {
        file: 'src/users/users.handlers.ts',
        find: 'res.status(201).json({ user: userJson(user, tokens.issue(user)) });',
        replace: 'res.status(201).json({ user: { ...user, ...userJson(user, tokens.issue(user)) } });',
      },
    ],
  },
  {
    id: 'email-case-sensitive',
    bug: 'an email that differs from a taken one only in letter case opens a second account',
    edits: [{ file: USERS_SERVICE, find: "readString(errors, 'email', value)?.trim().toLowerCase();", replace: "readString(errors, 'email', value)?.trim();" }],
  },
  {
    // The map's "a duplicate username": the look-up forgot that field, and the database's refusal
    // of the insert was never turned into an answer.
    id: 'duplicate-username-500',
    bug: 'registering with a username someone already has answers 500 (nothing looks the name up first, and the unique index refuses the row)',
    edits: [
      { file: USERS_SERVICE, find: "for (const field of ['email', 'username'] as const) {", replace: "for (const field of ['email'] as const) {" },
      { file: 'src/http/error-handler.ts', find: '  if (err instanceof UniqueConstraintError) {', replace: '  if (err instanceof UniqueConstraintError && err.fields === null) {' },
    ],
  },
  {
    // The map's "a wrong password": half of the condition went in a refactoring.
    id: 'wrong-password-accepted',
    bug: 'a login with the right email and a wrong password answers 200 with a token',
    edits: [{ file: USERS_SERVICE, find: '      if (!user || !ok) {', replace: '      if (!user) {' }],
  },
  {
    id: 'own-username-taken',
    bug: 'a user who sends back their own username on PUT /api/user is told it is taken',
    edits: [{ file: USERS_SERVICE, find: 'await checkTaken(errors, changes, current.id);', replace: 'await checkTaken(errors, changes);' }],
  },
  {
    id: 'expired-token-accepted',
    bug: 'an expired token is still accepted',
    edits: [
      {
        file: 'src/auth/tokens.ts',
        find: "payload = jwt.verify(token, key, { algorithms: ['HS256'] });",
        replace: "payload = jwt.verify(token, key, { algorithms: ['HS256'], ignoreExpiration: true });",
      },
    ],
  },
  {
    // "Faster than verify": the CPU profile of step 05 blamed jsonwebtoken, and the signature went with it.
    id: 'token-signature-unchecked',
    bug: 'a token signed with another secret is accepted (decoded, its expiry checked, its signature never)',
    edits: [
      {
        file: 'src/auth/tokens.ts',
        find: "payload = jwt.verify(token, key, { algorithms: ['HS256'] });",
        replace:
          "const decoded = jwt.decode(token);\n        if (decoded === null) throw new jwt.JsonWebTokenError('jwt malformed');\n        if (typeof decoded !== 'string' && typeof decoded.exp === 'number' && decoded.exp * 1000 <= Date.now()) throw new jwt.TokenExpiredError('jwt expired', new Date(decoded.exp * 1000));\n        payload = decoded;",
      },
    ],
  },
  {
    id: 'old-token-after-password-change',
    bug: 'a token issued before a password change still works',
    edits: [{ file: 'src/auth/middleware.ts', find: "if (user.tokenVersion !== tokenVersion) throw new UnauthorizedError({ token: ['is no longer valid: log in again'] });", replace: '' }],
  },
  {
    id: 'deleted-user-token-anonymous',
    bug: "the token of a deleted user is taken for an anonymous visitor instead of a 401",
    edits: [{ file: 'src/auth/middleware.ts', find: "if (!user) throw new UnauthorizedError({ token: ['is invalid'] });", replace: 'if (!user) return undefined;' }],
  },

  // ── Articles
  {
    id: 'article-create-without-token',
    bug: 'POST /api/articles lets a request without a token through (500 instead of 401)',
    edits: [{ file: 'src/articles/articles.routes.ts', find: "router.post('/articles', requireAuth, handlers.create);", replace: "router.post('/articles', optionalAuth, handlers.create);" }],
  },
  {
    id: 'unknown-slug-200',
    bug: 'GET /api/articles/:slug answers 200 for a slug no article has',
    edits: [
      {
        file: 'src/articles/articles.handlers.ts',
        find: 'const article = await articles.get(req.params.slug, req.user);\n    res.json({ article: articleJson(article) });',
        replace: 'const article = await articles.get(req.params.slug, req.user).catch(() => null);\n    res.json({ article: article && articleJson(article) });',
      },
    ],
  },
  {
    id: 'article-edit-by-anyone',
    bug: "anyone signed in can change someone else's article",
    edits: [{ file: ARTICLES_SERVICE, find: 'if (!mayEdit(user, article.author.id))', replace: 'if (!mayEdit(user, user.id))' }],
  },
  {
    id: 'title-change-keeps-slug',
    bug: 'changing the title keeps the old slug',
    edits: [{ file: ARTICLES_SERVICE, find: 'if (changes.title !== undefined && changes.title !== article.title) patch.slug = await uniqueSlug(changes.title, article.id, transaction, attempt);', replace: '' }],
  },
  {
    id: 'blank-title-accepted',
    bug: 'an article whose title (or description, or body) is only spaces is accepted',
    edits: [{ file: ARTICLES_SERVICE, find: "if (value.trim() === '') addError(errors, field", replace: "if (value === '') addError(errors, field" }],
  },
  {
    // The map's "validation of each field": the body made optional, stored as an empty text.
    id: 'missing-body-accepted',
    bug: 'an article sent without a body is created (with an empty one) instead of answering 422',
    edits: [
      {
        file: ARTICLES_SERVICE,
        find: "  const body = readText(errors, 'body', article.body);",
        replace: "  const body = article.body === undefined ? '' : readText(errors, 'body', article.body);",
      },
    ],
  },
  {
    id: 'article-delete-by-anyone',
    bug: "anyone signed in can delete someone else's article",
    edits: [{ file: ARTICLES_SERVICE, find: 'if (!mayDelete(user, article.author.id))', replace: 'if (!mayDelete(user, user.id))' }],
  },
  {
    // "DELETE is idempotent", read as "deleting nothing succeeds": the map's "an unknown slug" is a 404 on every route.
    id: 'delete-unknown-slug-204',
    bug: 'DELETE /api/articles/:slug answers 204 for a slug no article has',
    edits: [
      {
        file: ARTICLES_SERVICE,
        find: '    async remove(user, slug) {\n      const article = await findOr404(slug);\n',
        replace: '    async remove(user, slug) {\n      const article = await findOr404(slug).catch(() => undefined);\n      // Already gone: a DELETE is idempotent.\n      if (!article) return;\n',
      },
    ],
  },
  {
    // "After a DELETE, the GET is a 404": the effect, not only the answer.
    id: 'article-delete-keeps-article',
    bug: 'deleting an article answers 204 and leaves the article in place',
    edits: [
      {
        file: ARTICLES_SERVICE,
        find: '      const removed = await articles.remove(article.id);\n',
        // The row was to go in a nightly clean-up job that nobody wrote; the answer says "deleted" anyway.
        replace: '      const removed = (await articles.slugOf(article.id)) !== undefined;\n',
      },
    ],
  },
  {
    id: 'edit-keeps-updated-at',
    bug: "an edit leaves the article's updatedAt where it was",
    edits: [{ file: ARTICLES_SERVICE, find: 'const patch: ArticleChanges = { ...changes, updatedAt: clock() };', replace: 'const patch: ArticleChanges = { ...changes };' }],
  },

  // ── Favorites
  {
    id: 'favorites-count-off-by-one',
    bug: 'favoritesCount counts one favorite too many',
    edits: [{ file: ARTICLES_REPOSITORY, find: '(SELECT COUNT(*) FROM favorites AS f WHERE f.article_id', replace: '(SELECT COUNT(*) + 1 FROM favorites AS f WHERE f.article_id' }],
  },
  {
    id: 'unfavorite-removes-everyones',
    bug: "unfavoriting an article removes everyone's favorite of it",
    edits: [{ file: ARTICLES_REPOSITORY, find: 'Favorite.destroy({ where: { articleId, userId }, transaction })', replace: 'Favorite.destroy({ where: { articleId }, transaction })' }],
  },
  {
    // The reported bug's twin: the lesson's rule is "whatever readers do with it", not the favorite alone.
    id: 'unfavorite-touches-updated-at',
    bug: 'unfavoriting an article moves its updatedAt',
    edits: [
      {
        file: ARTICLES_SERVICE,
        find: '      await articles.unfavorite(article.id, user.id);\n',
        replace: '      await articles.unfavorite(article.id, user.id);\n      // One favorite fewer: a new version of the article for caches.\n      await db.transaction((transaction) => articles.update(article.id, { updatedAt: clock() }, transaction));\n',
      },
    ],
  },

  // ── Lists, pages, filters, the feed and the tags
  {
    id: 'feed-offset-from-limit',
    bug: 'the feed reads its offset from ?limit=',
    edits: [
      {
        file: ARTICLES_SERVICE,
        find: 'parseListQuery({ limit: query.limit, offset: query.offset })',
        replace: 'parseListQuery({ limit: query.limit, offset: query.limit })',
      },
    ],
  },
  {
    // docs/conduit-api.md: list items carry no body. The list query does not read it, so it comes out empty.
    id: 'list-items-carry-body',
    bug: 'the articles of a list carry a `body` field (an empty one)',
    edits: [{ file: 'src/articles/articles.handlers.ts', find: '  const { body: _body, ...item } = articleJson(article);\n  return item;', replace: '  return articleJson(article);' }],
  },
  {
    id: 'list-offset-ignored',
    bug: 'the article list ignores ?offset= (every page is the first)',
    edits: [{ file: ARTICLES_SERVICE, find: 'return articles.list(filter, viewer?.id);', replace: 'return articles.list({ ...filter, offset: 0 }, viewer?.id);' }],
  },
  {
    id: 'list-tiebreak-reversed',
    bug: 'articles written at the same instant are listed oldest first',
    edits: [{ file: ARTICLES_REPOSITORY, find: 'ORDER BY a.created_at DESC, a.id DESC', replace: 'ORDER BY a.created_at DESC, a.id ASC' }],
  },
  {
    id: 'tag-filter-ignored',
    bug: 'the article list ignores ?tag=',
    edits: [{ file: ARTICLES_SERVICE, find: "tag: readFilter(errors, 'tag', query.tag),", replace: "tag: readFilter(errors, 'tag', query.tags)," }],
  },
  {
    id: 'author-filter-ignored',
    bug: 'the article list ignores ?author=',
    edits: [{ file: ARTICLES_SERVICE, find: "author: readFilter(errors, 'author', query.author),", replace: "author: readFilter(errors, 'author', query.authors)," }],
  },
  {
    id: 'favorited-filter-ignored',
    bug: 'the article list ignores ?favorited=',
    edits: [{ file: ARTICLES_SERVICE, find: "favorited: readFilter(errors, 'favorited', query.favorited),", replace: "favorited: readFilter(errors, 'favorited', query.favourited)," }],
  },
  {
    // "At least 1": the check written as "not negative".
    id: 'limit-0-accepted',
    bug: 'a ?limit=0 answers 200 with an empty page instead of 422',
    edits: [{ file: ARTICLES_SERVICE, find: "limit: readCount(errors, 'limit', query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT),", replace: "limit: readCount(errors, 'limit', query.limit, DEFAULT_LIMIT, 0, MAX_LIMIT)," }],
  },
  {
    id: 'limit-cap-missing',
    bug: 'a ?limit= above 100 is accepted',
    edits: [{ file: ARTICLES_SERVICE, find: "limit: readCount(errors, 'limit', query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT),", replace: "limit: readCount(errors, 'limit', query.limit, DEFAULT_LIMIT, 1)," }],
  },
  {
    id: 'limit-100-refused',
    bug: 'a ?limit= of exactly 100 is refused',
    edits: [{ file: ARTICLES_SERVICE, find: "limit: readCount(errors, 'limit', query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT),", replace: "limit: readCount(errors, 'limit', query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT - 1)," }],
  },
  {
    id: 'articles-count-is-page-size',
    bug: 'articlesCount counts the articles of the page, not every match',
    edits: [{ file: ARTICLES_REPOSITORY, find: 'return { articles: rows.map(toRecord), articlesCount: Number(counted?.n ?? 0) };', replace: 'return { articles: rows.map(toRecord), articlesCount: rows.length };' }],
  },
  {
    id: 'feed-includes-own-articles',
    bug: "the feed includes the reader's own articles",
    edits: [{ file: ARTICLES_REPOSITORY, find: 'FROM follows AS w WHERE w.follower_id = :feedOf)', replace: 'FROM follows AS w WHERE w.follower_id = :feedOf UNION SELECT :feedOf)' }],
  },
  {
    // "Everything but your own": the feed's follow join lost, with the reader's articles still left out.
    id: 'feed-includes-unfollowed',
    bug: 'the feed lists the articles of every other author, followed or not',
    edits: [
      {
        file: ARTICLES_REPOSITORY,
        find: "where.push('a.author_id IN (SELECT w.followed_id FROM follows AS w WHERE w.follower_id = :feedOf)');",
        replace: "where.push('a.author_id <> :feedOf');",
      },
    ],
  },
  {
    id: 'tags-stale-after-create',
    bug: 'GET /api/tags misses the tags of a new article (the cache is not refreshed)',
    edits: [{ file: ARTICLES_SERVICE, find: '      tagsChanged();\n      const slug = await articles.slugOf(id);', replace: '      const slug = await articles.slugOf(id);' }],
  },
  {
    // The map's "what a deleted article takes with it": its tags leave GET /api/tags.
    id: 'tags-stale-after-delete',
    bug: 'GET /api/tags still lists the tag of an article that was deleted (the cache is not refreshed)',
    edits: [{ file: ARTICLES_SERVICE, find: "      tagsChanged();\n      if (!removed) throw new NotFoundError('article');", replace: "      if (!removed) throw new NotFoundError('article');" }],
  },

  // ── Comments
  {
    id: 'comment-delete-by-anyone',
    bug: "anyone signed in can delete someone else's comment",
    edits: [{ file: COMMENTS_SERVICE, find: 'if (!mayDelete(user, comment.authorId))', replace: 'if (!mayDelete(user, user.id))' }],
  },
  {
    id: 'comment-delete-keeps-comment',
    bug: 'deleting one’s own comment answers 204 and leaves the comment in place',
    edits: [
      {
        file: COMMENTS_SERVICE,
        find: '      const deleted = await Comment.destroy({ where: { id: comment.id } });\n',
        // "Soft" delete half done: the comment is counted as gone, and never removed.
        replace: '      const deleted = await Comment.count({ where: { id: comment.id } });\n',
      },
    ],
  },
  {
    id: 'comment-delete-by-article-author',
    bug: "the author of an article can delete anyone's comment on it",
    edits: [
      {
        file: COMMENTS_SERVICE,
        find: 'if (!mayDelete(user, comment.authorId))',
        // "Authors moderate the comments under their articles": a rule the API does not have.
        replace: 'if (!mayDelete(user, comment.authorId) && (await Article.count({ where: { id: owner, authorId: user.id } })) === 0)',
      },
    ],
  },
  {
    id: 'comment-deleted-before-403',
    bug: 'the comment is deleted before the ownership check: a stranger is told 403, and the comment is gone anyway',
    edits: [
      {
        file: COMMENTS_SERVICE,
        find: `      if (!mayDelete(user, comment.authorId)) throw new ForbiddenError({ comment: ['can only be deleted by its author or an admin'] });
      // Two deletes of one comment at once both find it; only the one that removed the row says so.
      const deleted = await Comment.destroy({ where: { id: comment.id } });`,
        replace: `      const deleted = await Comment.destroy({ where: { id: comment.id } });
      if (!mayDelete(user, comment.authorId)) throw new ForbiddenError({ comment: ['can only be deleted by its author or an admin'] });`,
      },
    ],
  },
  {
    // The filter lost in a refactoring; the article's look-up stayed, so an unknown slug is still a 404.
    id: 'comments-of-every-article',
    bug: "GET /api/articles/:slug/comments lists the comments of every article, not only that one's",
    edits: [{ file: COMMENTS_SERVICE, find: '        where: { articleId: await articleId(slug) },', replace: '        where: (await articleId(slug)) > 0 ? {} : { id: 0 },' }],
  },
  {
    id: 'comments-newest-first',
    bug: 'comments are listed newest first',
    edits: [{ file: COMMENTS_SERVICE, find: "['createdAt', 'ASC'],\n          ['id', 'ASC'],", replace: "['createdAt', 'DESC'],\n          ['id', 'DESC']," }],
  },
  {
    id: 'blank-comment-accepted',
    bug: 'a comment made of spaces only is accepted',
    edits: [{ file: COMMENTS_SERVICE, find: "body.trim() === ''", replace: "body === ''" }],
  },

  // ── Profiles and follows
  {
    id: 'following-reversed',
    bug: "a profile's `following` says whether they follow you, not whether you follow them",
    edits: [
      {
        file: 'src/profiles/profiles.service.ts',
        find: 'w.followed_id = `User`.id AND w.follower_id = :viewerId',
        replace: 'w.follower_id = `User`.id AND w.followed_id = :viewerId',
      },
    ],
  },
  {
    id: 'following-anyones-follow',
    bug: "a profile's `following` is true for every viewer once anyone follows them",
    edits: [
      {
        file: 'src/profiles/profiles.service.ts',
        find: 'w.followed_id = `User`.id AND w.follower_id = :viewerId',
        replace: 'w.followed_id = `User`.id',
      },
    ],
  },
  {
    id: 'unfollow-keeps-follow',
    bug: 'unfollowing answers following: false and the follow stays',
    edits: [
      {
        file: 'src/profiles/profiles.service.ts',
        find: 'Follow.destroy({ where: { followerId: viewer.id, followedId: user.id }, transaction })',
        // Follower and followed swapped: the row removed (if any) is the other way round.
        replace: 'Follow.destroy({ where: { followerId: user.id, followedId: viewer.id }, transaction })',
      },
    ],
  },
  // ── Limits and roles
  {
    id: 'login-not-throttled',
    bug: 'a sixth wrong password in a row for one email is answered 401 again, never 429',
    edits: [{ file: USERS_SERVICE, find: '      if (wait > 0) throw new TooManyRequestsError(wait);\n', replace: '' }],
  },
  {
    id: 'admin-cannot-delete-article',
    bug: "an admin cannot delete someone else's article",
    edits: [{ file: ARTICLES_SERVICE, find: 'if (!mayDelete(user, article.author.id))', replace: 'if (user.id !== article.author.id)' }],
  },
];
