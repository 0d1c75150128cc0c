import { Op, QueryTypes, Transaction, type Sequelize, type WhereOptions } from 'sequelize';
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
  const { Article, Tag, ArticleTag, Favorite } = db.models as unknown as Models;

  /*
   * Reading articles is the hot path, so it is written in SQL by hand: one SELECT for a page (or
   * one article) with everything an answer needs, and, for lists, one COUNT. Each article's row
   * brings its author (a join), its favorite count and the viewer's two flags (subqueries the
   * database answers row by row from the indexes of migration 0006), and its tags as a JSON
   * array (an aggregate subquery). Sequelize's findAll would build the same SQL again on every
   * request and turn rows into nested objects: on a read that only becomes JSON, that costs more
   * than the database does. docs/05-performance.md#same-answers-fewer-statements
   */
  const mysql = db.getDialect() !== 'sqlite';
  const tagsJson = mysql ? 'JSON_ARRAYAGG(t.name)' : 'json_group_array(t.name)';
  // An anonymous reader has favorited nothing and follows no one: 0, and no subquery to run.
  const articleSelect = (viewer: boolean, withBody: boolean) => `
    SELECT a.id, a.slug, a.title, a.description, ${withBody ? 'a.body,' : ''}
      a.created_at AS createdAt, a.updated_at AS updatedAt,
      u.id AS authorId, u.username, u.bio, u.image,
      (SELECT COUNT(*) FROM favorites AS f WHERE f.article_id = a.id) AS favoritesCount,
      ${viewer ? 'EXISTS (SELECT 1 FROM favorites AS f WHERE f.article_id = a.id AND f.user_id = :viewerId)' : '0'} AS favorited,
      ${viewer ? 'EXISTS (SELECT 1 FROM follows AS w WHERE w.followed_id = a.author_id AND w.follower_id = :viewerId)' : '0'} AS following,
      (SELECT ${tagsJson} FROM article_tags AS at JOIN tags AS t ON t.id = at.tag_id WHERE at.article_id = a.id) AS tagList
    FROM articles AS a JOIN users AS u ON u.id = a.author_id`;

  interface ArticleRow {
    id: number;
    slug: string;
    title: string;
    description: string;
    body?: string;
    createdAt: Date | string;
    updatedAt: Date | string;
    authorId: number;
    username: string;
    bio: string | null;
    image: string | null;
    favoritesCount: number | string;
    favorited: number | string | boolean;
    following: number | string | boolean;
    /** A JSON array as text (SQLite, MariaDB) or already parsed (MySQL 8); NULL on MySQL for no tags. */
    tagList: string | string[] | null;
  }

  // Rows carry what the driver read: SQLite's dates are strings, MySQL's counts may be too.
  const toRecord = (row: ArticleRow): ArticleRecord => ({
    id: Number(row.id),
    slug: row.slug,
    title: row.title,
    description: row.description,
    body: row.body ?? '',
    tagList: (typeof row.tagList === 'string' ? (JSON.parse(row.tagList) as string[]) : (row.tagList ?? [])).sort(),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    favorited: Number(row.favorited) === 1,
    favoritesCount: Number(row.favoritesCount),
    author: { id: Number(row.authorId), username: row.username, bio: row.bio, image: row.image, following: Number(row.following) === 1 },
  });

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
      const [row] = await db.query<ArticleRow>(`${articleSelect(viewerId !== undefined, true)} WHERE a.slug = :slug`, {
        replacements: { slug, viewerId: viewerId ?? null },
        type: QueryTypes.SELECT,
        transaction,
      });
      return row ? toRecord(row) : undefined;
    },

    async slugTaken(slug: string, exceptId: number | undefined, transaction?: Transaction): Promise<boolean> {
      const where: WhereOptions = exceptId === undefined ? { slug } : { slug, id: { [Op.ne]: exceptId } };
      return (await Article.count({ where, transaction })) > 0;
    },

    /** A page of articles, newest first, as the viewer sees them, and how many match in all. */
    async list({ tag, author, favorited, feedOf, limit, offset }: ListFilter, viewerId?: number): Promise<{ articles: ArticleRecord[]; articlesCount: number }> {
      // Each filter is a condition on the article row, so the page and the count share them and
      // no join multiplies rows (one article with two matching tags is still one article).
      const where: string[] = [];
      if (tag !== undefined) where.push('EXISTS (SELECT 1 FROM article_tags AS at JOIN tags AS t ON t.id = at.tag_id WHERE at.article_id = a.id AND t.name = :tag)');
      if (author !== undefined) where.push('a.author_id IN (SELECT u2.id FROM users AS u2 WHERE u2.username = :author)');
      if (favorited !== undefined) where.push('a.id IN (SELECT f.article_id FROM favorites AS f JOIN users AS u2 ON u2.id = f.user_id WHERE u2.username = :favorited)');
      if (feedOf !== undefined) where.push('a.author_id IN (SELECT w.followed_id FROM follows AS w WHERE w.follower_id = :feedOf)');
      const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
      const replacements = { tag: tag ?? null, author: author ?? null, favorited: favorited ?? null, feedOf: feedOf ?? null, viewerId: viewerId ?? null, limit, offset };
      const [rows, [counted]] = await Promise.all([
        db.query<ArticleRow>(`${articleSelect(viewerId !== undefined, false)}${filter} ORDER BY a.created_at DESC, a.id DESC LIMIT :limit OFFSET :offset`, {
          replacements,
          type: QueryTypes.SELECT,
        }),
        db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM articles AS a${filter}`, { replacements, type: QueryTypes.SELECT }),
      ]);
      return { articles: rows.map(toRecord), articlesCount: Number(counted?.n ?? 0) };
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
