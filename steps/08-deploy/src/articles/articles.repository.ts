import { literal, Op, QueryTypes, Transaction, type CountOptions, type Sequelize, type WhereOptions } from 'sequelize';
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
  const { Article, Tag, ArticleTag, User, Favorite } = db.models as unknown as Models;

  /*
   * Reading articles costs the same few statements whatever the page size: one SELECT for the
   * articles themselves, joined to their authors, with the favorite count and the viewer's two
   * flags as subqueries the database answers row by row (from the indexes of migration 0006); one
   * for the page's tags; and, for lists, one COUNT. Rows come back as plain objects (raw), not
   * model instances: on a read that only turns them into JSON, hydration is pure cost.
   * docs/05-performance.md#same-answers-fewer-statements
   */
  const A = '`Article`';
  const social = (viewerId: number | undefined): [ReturnType<typeof literal>, string][] => [
    [literal(`(SELECT COUNT(*) FROM favorites AS f WHERE f.article_id = ${A}.id)`), 'favoritesCount'],
    [literal(viewerId === undefined ? '0' : `EXISTS (SELECT 1 FROM favorites AS f WHERE f.article_id = ${A}.id AND f.user_id = :viewerId)`), 'favorited'],
    [literal(viewerId === undefined ? '0' : `EXISTS (SELECT 1 FROM follows AS w WHERE w.followed_id = ${A}.author_id AND w.follower_id = :viewerId)`), 'following'],
  ];
  const authorColumns = { model: User, as: 'author', attributes: ['id', 'username', 'bio', 'image'] };

  interface ArticleRow {
    id: number;
    slug: string;
    title: string;
    description: string;
    body: string;
    createdAt: Date | string;
    updatedAt: Date | string;
    favoritesCount: number | string;
    favorited: number | string | boolean;
    following: number | string | boolean;
    author: { id: number; username: string; bio: string | null; image: string | null };
  }

  /** The tags of these articles, in one statement, each article's sorted. */
  async function tagsOf(ids: number[], transaction?: Transaction): Promise<Map<number, string[]>> {
    const byArticle = new Map<number, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byArticle;
    const links = await db.query<{ articleId: number; name: string }>(
      'SELECT at.article_id AS articleId, t.name AS name FROM article_tags AS at JOIN tags AS t ON t.id = at.tag_id WHERE at.article_id IN (:ids)',
      { replacements: { ids }, type: QueryTypes.SELECT, transaction },
    );
    for (const { articleId, name } of links) byArticle.get(Number(articleId))?.push(name);
    for (const names of byArticle.values()) names.sort();
    return byArticle;
  }

  // Raw rows carry what the driver read: SQLite's dates are strings, MySQL's counts may be too.
  const toRecord = (row: ArticleRow, tagList: string[]): ArticleRecord => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    body: row.body,
    tagList,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    favorited: Number(row.favorited) === 1,
    favoritesCount: Number(row.favoritesCount),
    author: { ...row.author, following: Number(row.following) === 1 },
  });

  async function withTags(rows: ArticleRow[], transaction?: Transaction): Promise<ArticleRecord[]> {
    const tags = await tagsOf(
      rows.map((r) => r.id),
      transaction,
    );
    return rows.map((row) => toRecord(row, tags.get(row.id) ?? []));
  }

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
      const row = (await Article.findOne({
        where: { slug },
        attributes: { include: social(viewerId) },
        include: [authorColumns],
        replacements: { viewerId: viewerId ?? null },
        raw: true,
        nest: true,
        transaction,
      })) as unknown as ArticleRow | null;
      return row ? (await withTags([row], transaction))[0] : undefined;
    },

    async slugTaken(slug: string, exceptId: number | undefined, transaction?: Transaction): Promise<boolean> {
      const where: WhereOptions = exceptId === undefined ? { slug } : { slug, id: { [Op.ne]: exceptId } };
      return (await Article.count({ where, transaction })) > 0;
    },

    /** A page of articles, newest first, as the viewer sees them, and how many match in all. */
    async list({ tag, author, favorited, feedOf, limit, offset }: ListFilter, viewerId?: number): Promise<{ articles: ArticleRecord[]; articlesCount: number }> {
      // Each filter is a condition on the article row, so the page and the count share them and
      // no join multiplies rows (one article with two matching tags is still one article).
      const where: WhereOptions[] = [];
      if (tag !== undefined) where.push(literal(`EXISTS (SELECT 1 FROM article_tags AS at JOIN tags AS t ON t.id = at.tag_id WHERE at.article_id = ${A}.id AND t.name = :tag)`));
      if (author !== undefined) where.push(literal(`${A}.author_id IN (SELECT u.id FROM users AS u WHERE u.username = :author)`));
      if (favorited !== undefined) where.push(literal(`${A}.id IN (SELECT f.article_id FROM favorites AS f JOIN users AS u ON u.id = f.user_id WHERE u.username = :favorited)`));
      if (feedOf !== undefined) where.push(literal(`${A}.author_id IN (SELECT w.followed_id FROM follows AS w WHERE w.follower_id = :feedOf)`));
      const replacements = { tag: tag ?? null, author: author ?? null, favorited: favorited ?? null, feedOf: feedOf ?? null, viewerId: viewerId ?? null };
      const [rows, articlesCount] = await Promise.all([
        Article.findAll({
          where: { [Op.and]: where },
          attributes: { include: social(viewerId), exclude: ['body'] },
          include: [authorColumns],
          order: [
            ['createdAt', 'DESC'],
            ['id', 'DESC'],
          ],
          limit,
          offset,
          replacements,
          raw: true,
          nest: true,
        }) as unknown as Promise<ArticleRow[]>,
        // count() passes replacements on to the query like findAll(); only its type leaves them out.
        Article.count({ where: { [Op.and]: where }, replacements } as CountOptions),
      ]);
      return { articles: await withTags(rows), articlesCount };
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
