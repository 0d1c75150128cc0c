import { Op, Transaction, type Sequelize, type WhereOptions } from 'sequelize';
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
  const { Article, Tag, ArticleTag, User, Favorite, Follow } = db.models as unknown as Models;

  /**
   * Everything a reader sees of one article, looked up one piece at a time: its author, its tags,
   * how many favorited it, and, for a signed-in viewer, whether they favorited it and follow its
   * author.
   */
  // TODO(05-performance): correct, and slow: five statements per article, so a page of 20 runs a hundred.
  async function describe(row: Article, viewerId: number | undefined, transaction?: Transaction): Promise<ArticleRecord> {
    const author = await User.findByPk(row.authorId, { transaction });
    if (!author) throw new Error(`article ${row.id} has no author`);
    const tags = await Tag.findAll({
      include: [{ model: Article, as: 'articles', where: { id: row.id }, attributes: [], through: { attributes: [] } }],
      transaction,
    });
    const favoritesCount = await Favorite.count({ where: { articleId: row.id }, transaction });
    const favorited = viewerId !== undefined && (await Favorite.count({ where: { articleId: row.id, userId: viewerId }, transaction })) > 0;
    const following = viewerId !== undefined && (await Follow.count({ where: { followerId: viewerId, followedId: author.id }, transaction })) > 0;
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      description: row.description,
      body: row.body,
      tagList: tags.map((t) => t.name).sort(),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      favorited,
      favoritesCount,
      author: { id: author.id, username: author.username, bio: author.bio, image: author.image, following },
    };
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
      const row = await Article.findOne({ where: { slug }, transaction });
      return row ? describe(row, viewerId, transaction) : undefined;
    },

    async slugTaken(slug: string, exceptId: number | undefined, transaction?: Transaction): Promise<boolean> {
      const where: WhereOptions = exceptId === undefined ? { slug } : { slug, id: { [Op.ne]: exceptId } };
      return (await Article.count({ where, transaction })) > 0;
    },

    /** A page of articles, newest first, as the viewer sees them, and how many match in all. */
    async list({ tag, author, favorited, feedOf, limit, offset }: ListFilter, viewerId?: number): Promise<{ articles: ArticleRecord[]; articlesCount: number }> {
      const filters = [
        ...(author !== undefined ? [{ model: User, as: 'author', where: { username: author }, attributes: [] }] : []),
        ...(tag !== undefined ? [{ model: Tag, as: 'filterTags', where: { name: tag }, attributes: [], through: { attributes: [] } }] : []),
      ];
      const where: WhereOptions[] = [];
      if (favorited !== undefined) {
        const fan = await User.findOne({ where: { username: favorited } });
        const favorites = fan ? await Favorite.findAll({ where: { userId: fan.id }, attributes: ['articleId'] }) : [];
        where.push({ id: favorites.map((f) => f.articleId) });
      }
      if (feedOf !== undefined) {
        const follows = await Follow.findAll({ where: { followerId: feedOf }, attributes: ['followedId'] });
        where.push({ authorId: follows.map((f) => f.followedId) });
      }
      const order: [string, string][] = [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ];
      const [page, articlesCount] = await Promise.all([
        Article.findAll({ where: { [Op.and]: where }, include: filters, order, limit, offset, subQuery: false }),
        Article.count({ where: { [Op.and]: where }, include: filters, distinct: true, col: 'id' }),
      ]);
      const articles: ArticleRecord[] = [];
      for (const row of page) articles.push(await describe(row, viewerId));
      return { articles, articlesCount };
    },

    /** Marks the article as one of the user's favorites; a second time changes nothing. */
    async favorite(articleId: number, userId: number, now: Date): Promise<void> {
      const existing = await Favorite.findOne({ where: { articleId, userId } });
      if (!existing) await Favorite.create({ articleId, userId, createdAt: now });
    },

    async unfavorite(articleId: number, userId: number): Promise<void> {
      await Favorite.destroy({ where: { articleId, userId } });
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
      return (await Article.destroy({ where: { id } })) > 0;
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
