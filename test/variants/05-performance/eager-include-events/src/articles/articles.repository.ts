import { literal, Op, Transaction, type CountOptions, type IncludeOptions, type Sequelize, type WhereOptions } from 'sequelize';
import type { Article, Models } from '../db/models.js';

/** One article as the service and the handlers see it, as seen by one reader (the viewer). */
export interface ArticleRecord {
  id: number;
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  createdAt: Date;
  updatedAt: Date;
  /** Has the viewer favorited it? False for an anonymous reader. */
  favorited: boolean;
  favoritesCount: number;
  author: { id: number; username: string; bio: string | null; image: string | null; following: boolean };
}

export interface NewArticle {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  authorId: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ArticleChanges = Partial<Omit<NewArticle, 'authorId' | 'createdAt'>>;

export interface ListFilter {
  tag?: string;
  author?: string;
  /** Only the articles this username favorited. */
  favorited?: string;
  /** The feed: only the articles of the users this user id follows. */
  feedOf?: number;
  limit: number;
  offset: number;
}

/**
 * The only code that knows how articles are stored. Every method takes an optional transaction,
 * so the service can make several of them one unit of work.
 */
export function createArticleRepository(db: Sequelize) {
  const { Article, Tag, ArticleTag, Favorite, User } = db.models as unknown as Models;

  /*
   * Reads through Sequelize's eager loading: each article comes with its author (a belongs-to
   * include, a JOIN) and its tags (a many-to-many include), and the numbers and flags a reader
   * sees are correlated subqueries in the same SELECT, `sequelize.literal`s that refer to the
   * outer row by its alias, `Article`. With a limit and a to-many include, Sequelize pages the
   * articles in an inner SELECT (where the literals and the filters go) and joins authors and tags
   * around it: one statement for a page, whatever its size (docs/05-performance.md).
   */
  const A = '`Article`';

  /** favoritesCount, favorited, following: no rows, only numbers, computed by the database per article. */
  function socialAttributes(viewer: boolean): [ReturnType<typeof literal>, string][] {
    return [
      [literal(`(SELECT COUNT(*) FROM favorites AS f WHERE f.article_id = ${A}.id)`), 'favoritesCount'],
      // An anonymous reader has favorited nothing and follows no one: a constant, no subquery.
      [literal(viewer ? `EXISTS (SELECT 1 FROM favorites AS f WHERE f.article_id = ${A}.id AND f.user_id = :viewerId)` : '0'), 'favorited'],
      [literal(viewer ? `EXISTS (SELECT 1 FROM follows AS w WHERE w.followed_id = ${A}.author_id AND w.follower_id = :viewerId)` : '0'), 'following'],
    ];
  }

  /** The author, for the answer; with `username`, also the ?author= filter (then an inner join). */
  const authorInclude = (username?: string): IncludeOptions => ({
    model: User,
    as: 'author',
    attributes: ['id', 'username', 'bio', 'image'],
    ...(username !== undefined ? { where: { username }, required: true } : {}),
  });
  /** Every tag of the article, for tagList. */
  const tagsInclude: IncludeOptions = { model: Tag, as: 'tags', attributes: ['name'], through: { attributes: [] } };

  // The driver's values, through the model: SQLite hands a flag over as 1, MySQL a count may be a string.
  const toRecord = (article: Article): ArticleRecord => {
    const author = article.author;
    if (!author) throw new Error(`article ${article.id} was loaded without its author`);
    return {
      id: article.id,
      slug: article.slug,
      title: article.title,
      description: article.description,
      // Lists leave the body out of the SELECT, and their items leave it out of the answer.
      body: article.body ?? '',
      tagList: (article.tags ?? []).map((t) => t.name).sort(),
      createdAt: article.createdAt,
      updatedAt: article.updatedAt,
      favorited: Number(article.get('favorited')) === 1,
      favoritesCount: Number(article.get('favoritesCount')),
      author: { id: author.id, username: author.username, bio: author.bio, image: author.image, following: Number(article.get('following')) === 1 },
    };
  };

  /**
   * Links an article to exactly these tags, creating the tags that do not exist yet. `replace`
   * removes the old links first (an update); a new article has none, and skipping that DELETE
   * also spares MySQL the gap locks that make concurrent creates deadlock.
   */
  async function setTags(articleId: number, names: string[], transaction: Transaction, { replace }: { replace: boolean }): Promise<void> {
    if (replace) await ArticleTag.destroy({ where: { articleId }, transaction });
    if (names.length === 0) return;
    // INSERT … IGNORE: two articles adding the same new tag at once must not collide.
    await Tag.bulkCreate(
      names.map((name) => ({ name })),
      { ignoreDuplicates: true, transaction },
    );
    // A locking read sees the newest committed rows: a tag that another transaction created while
    // ours was running is invisible to a plain SELECT under MySQL's REPEATABLE READ.
    const tags = await Tag.findAll({ where: { name: names }, transaction, lock: Transaction.LOCK.SHARE });
    await ArticleTag.bulkCreate(
      tags.map((t) => ({ articleId, tagId: t.id })),
      { transaction },
    );
  }

  return {
    async findBySlug(slug: string, viewerId?: number, transaction?: Transaction): Promise<ArticleRecord | undefined> {
      // slug is a unique column, so findOne adds no LIMIT and no inner SELECT: a plain join.
      const article = await Article.findOne({
        where: { slug },
        attributes: { include: socialAttributes(viewerId !== undefined) },
        include: [authorInclude(), tagsInclude],
        replacements: { viewerId: viewerId ?? null },
        transaction,
      });
      return article ? toRecord(article) : undefined;
    },

    async slugTaken(slug: string, exceptId: number | undefined, transaction?: Transaction): Promise<boolean> {
      const where: WhereOptions = exceptId === undefined ? { slug } : { slug, id: { [Op.ne]: exceptId } };
      return (await Article.count({ where, transaction })) > 0;
    },

    /** A page of articles, newest first, as the viewer sees them, and how many match in all. */
    async list({ tag, author, favorited, feedOf, limit, offset }: ListFilter, viewerId?: number): Promise<{ articles: ArticleRecord[]; articlesCount: number }> {
      // ?author= and ?tag= are includes with a condition (the author's join, and the second path to
      // the tags, `filterTags`, so that `tags` still brings every tag); ?favorited= and the feed are
      // conditions on the article row. None of them multiplies an article: a username and a tag
      // name are unique.
      const filters: IncludeOptions[] = tag !== undefined ? [{ model: Tag, as: 'filterTags', where: { name: tag }, attributes: [], through: { attributes: [] }, required: true }] : [];
      const where: WhereOptions[] = [];
      if (favorited !== undefined) where.push(literal(`EXISTS (SELECT 1 FROM favorites AS fv JOIN users AS fu ON fu.id = fv.user_id WHERE fv.article_id = ${A}.id AND fu.username = :favorited)`));
      if (feedOf !== undefined) where.push(literal(`${A}.author_id IN (SELECT w.followed_id FROM follows AS w WHERE w.follower_id = :feedOf)`));
      const replacements = { favorited: favorited ?? null, feedOf: feedOf ?? null, viewerId: viewerId ?? null };
      const [page, articlesCount] = await Promise.all([
        Article.findAll({
          where: { [Op.and]: where },
          attributes: { exclude: ['body'], include: socialAttributes(viewerId !== undefined) },
          include: [authorInclude(author), tagsInclude, ...filters],
          order: [
            ['createdAt', 'DESC'],
            ['id', 'DESC'],
          ],
          limit,
          offset,
          replacements,
        }),
        // count() hands replacements on to its query as findAll() does; only its type leaves them out.
        Article.count({
          where: { [Op.and]: where },
          include: [...(author !== undefined ? [{ ...authorInclude(author), attributes: [] }] : []), ...filters],
          distinct: true,
          col: 'id',
          replacements,
        } as CountOptions),
      ]);
      return { articles: page.map(toRecord), articlesCount };
    },

    /**
     * Marks the article as one of the user's favorites; a second time changes nothing. One
     * INSERT that the unique index turns into nothing for a pair that exists: no "look, then
     * insert" that two requests at once would both pass.
     */
    async favorite(articleId: number, userId: number, now: Date): Promise<void> {
      // In a transaction, though it is one statement: on MySQL, a favorite can deadlock with the
      // cascading delete of its article, and only a transaction is run again (db/concurrency.ts).
      await db.transaction((transaction) => Favorite.bulkCreate([{ articleId, userId, createdAt: now }], { ignoreDuplicates: true, transaction }));
    },

    async unfavorite(articleId: number, userId: number): Promise<void> {
      await db.transaction((transaction) => Favorite.destroy({ where: { articleId, userId }, transaction }));
    },

    async insert(article: NewArticle, transaction: Transaction): Promise<number> {
      const { tagList, ...fields } = article;
      const row = await Article.create(fields, { transaction });
      await setTags(row.id, tagList, transaction, { replace: false });
      return row.id;
    },

    async update(id: number, changes: ArticleChanges, transaction: Transaction): Promise<void> {
      const { tagList, ...fields } = changes;
      await Article.update(fields, { where: { id }, transaction });
      if (tagList !== undefined) await setTags(id, tagList, transaction, { replace: true });
    },

    async slugOf(id: number, transaction?: Transaction): Promise<string | undefined> {
      return (await Article.findByPk(id, { attributes: ['slug'], transaction }))?.slug;
    },

    /**
     * Comments and tag links go with it: the foreign keys say ON DELETE CASCADE. True when this
     * call removed the row: of two deletes at once, only one did.
     */
    async remove(id: number): Promise<boolean> {
      // A transaction for the same reason as favorite(): the cascade can meet a favorite being added.
      return (await db.transaction((transaction) => Article.destroy({ where: { id }, transaction }))) > 0;
    },

    /**
     * The `limit` tags carried by the most articles, most used first (ties by name): one query,
     * grouped and counted by the database, however many tags exist.
     */
    async tagsInUse(limit: number): Promise<string[]> {
      const tags = await Tag.findAll({
        attributes: ['name'],
        include: [{ model: Article, as: 'articles', attributes: [], through: { attributes: [] }, required: true }],
        group: ['Tag.id', 'Tag.name'],
        order: [
          [db.fn('COUNT', db.col('articles.id')), 'DESC'],
          ['name', 'ASC'],
        ],
        limit,
        subQuery: false,
      });
      return tags.map((t) => t.name);
    },
  };
}

export type ArticleRepository = ReturnType<typeof createArticleRepository>;
