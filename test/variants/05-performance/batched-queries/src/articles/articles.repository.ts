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

/** What the social tables say about a page of articles, for one viewer. */
interface Social {
  /** article id → how many users favorited it, and whether the viewer is one of them. */
  favorites: Map<number, { count: number; mine: boolean }>;
  /** The page's authors whom the viewer follows. */
  followed: Set<number>;
}

/**
 * Articles stored with Sequelize. Reads are batched rather than correlated: the page of articles
 * comes first (authors and tags included by Sequelize, in the same statement), then one grouped
 * query per social table for all of the page's ids at once, merged here in JavaScript. A page of
 * 5 or of 100 costs the same statements: page, count, favorites, follows.
 */
export function createArticleRepository(db: Sequelize) {
  const { Article, Tag, ArticleTag, User, Favorite } = db.models as unknown as Models;

  const included = [
    { model: User, as: 'author', attributes: ['id', 'username', 'bio', 'image'] },
    // Every tag of the article: a filter on tags never goes through this include (see list()).
    { model: Tag, as: 'tags', attributes: ['name'], through: { attributes: [] } },
  ];

  /**
   * Two statements at most, whatever the page size: the favorites of these articles grouped by
   * article (their number, and whether the viewer's is among them, from the same rows), and, for a
   * signed-in viewer, which of these authors the viewer follows. Both read the unique indexes of
   * migration 0006 only. The viewer's favorites come with the counts rather than in a third query:
   * one article read with a token must stay within 4 statements (the token's user, the article,
   * favorites, follows).
   */
  async function socialOf(page: Article[], viewerId: number | undefined, transaction?: Transaction): Promise<Social> {
    const social: Social = { favorites: new Map(), followed: new Set() };
    if (page.length === 0) return social;
    const articleIds = page.map((a) => a.id);
    const authorIds = [...new Set(page.map((a) => a.authorId as number))];
    const [favorites, follows] = await Promise.all([
      db.query<{ articleId: number | string; favorites: number | string; mine: number | string | null }>(
        `SELECT article_id AS articleId, COUNT(*) AS favorites, MAX(CASE WHEN user_id = :viewerId THEN 1 ELSE 0 END) AS mine
           FROM favorites WHERE article_id IN (:articleIds) GROUP BY article_id`,
        { replacements: { articleIds, viewerId: viewerId ?? null }, type: QueryTypes.SELECT, transaction },
      ),
      viewerId === undefined
        ? Promise.resolve([])
        : db.query<{ followedId: number | string }>('SELECT followed_id AS followedId FROM follows WHERE follower_id = :viewerId AND followed_id IN (:authorIds)', {
            replacements: { authorIds, viewerId },
            type: QueryTypes.SELECT,
            transaction,
          }),
    ]);
    // The driver's values: MySQL may hand counts over as strings.
    for (const row of favorites) social.favorites.set(Number(row.articleId), { count: Number(row.favorites), mine: Number(row.mine) === 1 });
    for (const row of follows) social.followed.add(Number(row.followedId));
    return social;
  }

  function toRecord(article: Article, social: Social): ArticleRecord {
    const author = article.author!;
    const favorites = social.favorites.get(article.id);
    return {
      id: article.id,
      slug: article.slug,
      title: article.title,
      // Lists leave the body out of the SELECT; the handlers leave it out of list items too.
      description: article.description,
      body: article.body ?? '',
      tagList: (article.tags ?? []).map((t) => t.name).sort(),
      createdAt: article.createdAt,
      updatedAt: article.updatedAt,
      favorited: favorites?.mine ?? false,
      favoritesCount: favorites?.count ?? 0,
      author: { id: author.id, username: author.username, bio: author.bio, image: author.image, following: social.followed.has(author.id) },
    };
  }

  async function records(page: Article[], viewerId: number | undefined, transaction?: Transaction): Promise<ArticleRecord[]> {
    const social = await socialOf(page, viewerId, transaction);
    return page.map((article) => toRecord(article, social));
  }

  /**
   * Links an article to exactly these tags, creating the missing ones. `replace` drops the old
   * links first (an update): a new article has none, and not deleting spares MySQL the gap locks
   * that make concurrent creates deadlock.
   */
  async function linkTags(articleId: number, names: string[], transaction: Transaction, { replace }: { replace: boolean }): Promise<void> {
    if (replace) await ArticleTag.destroy({ where: { articleId }, transaction });
    if (names.length === 0) return;
    // Two articles adding the same new tag at once must not collide: INSERT … IGNORE.
    await Tag.bulkCreate(
      names.map((name) => ({ name })),
      { ignoreDuplicates: true, transaction },
    );
    // A locking read, to see a tag another transaction committed while ours ran (REPEATABLE READ).
    const tags = await Tag.findAll({ where: { name: names }, transaction, lock: Transaction.LOCK.SHARE });
    await ArticleTag.bulkCreate(
      tags.map((t) => ({ articleId, tagId: t.id })),
      { transaction },
    );
  }

  // The outer query's alias, which Sequelize names after the model; backticks quote it on both dialects.
  const A = '`Article`';

  return {
    async findBySlug(slug: string, viewerId?: number, transaction?: Transaction): Promise<ArticleRecord | undefined> {
      const article = await Article.findOne({ where: { slug }, include: included, transaction });
      return article ? (await records([article], viewerId, transaction))[0] : undefined;
    },

    async slugTaken(slug: string, exceptId: number | undefined, transaction?: Transaction): Promise<boolean> {
      const where: WhereOptions = exceptId === undefined ? { slug } : { slug, id: { [Op.ne]: exceptId } };
      return (await Article.count({ where, transaction })) > 0;
    },

    /** A page of articles, newest first, as the viewer sees them, and how many match in all. */
    async list({ tag, author, favorited, feedOf, limit, offset }: ListFilter, viewerId?: number): Promise<{ articles: ArticleRecord[]; articlesCount: number }> {
      // Each filter is an IN over a subquery that does not refer to the outer row: the database
      // answers it once, and the page and the count share it without a join multiplying rows.
      const where: WhereOptions[] = [];
      if (tag !== undefined) where.push(literal(`${A}.id IN (SELECT at.article_id FROM article_tags AS at JOIN tags AS t ON t.id = at.tag_id WHERE t.name = :tag)`));
      if (author !== undefined) where.push(literal(`${A}.author_id IN (SELECT u.id FROM users AS u WHERE u.username = :author)`));
      if (favorited !== undefined) where.push(literal(`${A}.id IN (SELECT f.article_id FROM favorites AS f JOIN users AS u ON u.id = f.user_id WHERE u.username = :favorited)`));
      if (feedOf !== undefined) where.push(literal(`${A}.author_id IN (SELECT w.followed_id FROM follows AS w WHERE w.follower_id = :feedOf)`));
      const replacements = { tag: tag ?? null, author: author ?? null, favorited: favorited ?? null, feedOf: feedOf ?? null };
      const [page, articlesCount] = await Promise.all([
        // With a to-many include and a limit, Sequelize pages the articles in a subquery and joins
        // authors and tags around it: still one statement.
        Article.findAll({
          where: { [Op.and]: where },
          attributes: { exclude: ['body'] },
          include: included,
          order: [
            ['createdAt', 'DESC'],
            ['id', 'DESC'],
          ],
          limit,
          offset,
          replacements,
        }),
        // count() passes replacements on to the query like findAll(); only its type leaves them out.
        Article.count({ where: { [Op.and]: where }, replacements } as CountOptions),
      ]);
      return { articles: await records(page, viewerId), articlesCount };
    },

    /** Favoriting twice is one favorite: the unique index turns the second INSERT into nothing. */
    async favorite(articleId: number, userId: number, now: Date): Promise<void> {
      await Favorite.bulkCreate([{ articleId, userId, createdAt: now }], { ignoreDuplicates: true });
    },

    async unfavorite(articleId: number, userId: number): Promise<void> {
      await Favorite.destroy({ where: { articleId, userId } });
    },

    async insert(article: NewArticle, transaction: Transaction): Promise<number> {
      const { tagList, ...fields } = article;
      const row = await Article.create(fields, { transaction });
      await linkTags(row.id, tagList, transaction, { replace: false });
      return row.id;
    },

    async update(id: number, changes: ArticleChanges, transaction: Transaction): Promise<void> {
      const { tagList, ...fields } = changes;
      await Article.update(fields, { where: { id }, transaction });
      if (tagList !== undefined) await linkTags(id, tagList, transaction, { replace: true });
    },

    async slugOf(id: number, transaction?: Transaction): Promise<string | undefined> {
      return (await Article.findByPk(id, { attributes: ['slug'], transaction }))?.slug;
    },

    /** Comments and tag links go with it (ON DELETE CASCADE). True when this call removed the row. */
    async remove(id: number): Promise<boolean> {
      return (await Article.destroy({ where: { id } })) > 0;
    },

    /** The `limit` tags carried by the most articles, most used first, ties by name: one grouped query. */
    async tagsInUse(limit: number): Promise<string[]> {
      const rows = await db.query<{ name: string }>(
        `SELECT t.name AS name FROM tags AS t JOIN article_tags AS at ON at.tag_id = t.id
          GROUP BY t.id, t.name ORDER BY COUNT(*) DESC, t.name ASC LIMIT :limit`,
        { replacements: { limit }, type: QueryTypes.SELECT },
      );
      return rows.map((r) => r.name);
    },
  };
}

export type ArticleRepository = ReturnType<typeof createArticleRepository>;
