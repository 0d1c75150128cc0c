import { Op, Transaction, type Sequelize, type WhereOptions } from 'sequelize';
import type { Article, Models } from '../db/models.js';

/** One article as the service and the handlers see it: plain data, tags sorted, author attached. */
export interface ArticleRecord {
  id: number;
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  createdAt: Date;
  updatedAt: Date;
  author: { id: number; username: string; bio: string | null; image: string | null };
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
  limit: number;
  offset: number;
}

/**
 * The only code that knows how articles are stored. Every method takes an optional transaction,
 * so the service can make several of them one unit of work.
 */
export function createArticleRepository(db: Sequelize) {
  const { Article, Tag, ArticleTag, User } = db.models as unknown as Models;
  const withAuthorAndTags = [
    { model: User, as: 'author' },
    { model: Tag, as: 'tags', through: { attributes: [] } },
  ];

  const toRecord = (row: Article): ArticleRecord => {
    const author = row.author;
    if (!author) throw new Error(`article ${row.id} was loaded without its author`);
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      description: row.description,
      body: row.body,
      tagList: (row.tags ?? []).map((t) => t.name).sort(),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      author: { id: author.id, username: author.username, bio: author.bio, image: author.image },
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
    async findBySlug(slug: string, transaction?: Transaction): Promise<ArticleRecord | undefined> {
      const row = await Article.findOne({ where: { slug }, include: withAuthorAndTags, transaction });
      return row ? toRecord(row) : undefined;
    },

    async slugTaken(slug: string, exceptId: number | undefined, transaction?: Transaction): Promise<boolean> {
      const where: WhereOptions = exceptId === undefined ? { slug } : { slug, id: { [Op.ne]: exceptId } };
      return (await Article.count({ where, transaction })) > 0;
    },

    /**
     * A page of articles, newest first, and how many match in all. Three queries whatever the page
     * size: the page's ids, the count, then those articles with their authors and tags.
     */
    async list({ tag, author, limit, offset }: ListFilter): Promise<{ articles: ArticleRecord[]; articlesCount: number }> {
      const filters = [
        ...(author !== undefined ? [{ model: User, as: 'author', where: { username: author }, attributes: [] }] : []),
        ...(tag !== undefined ? [{ model: Tag, as: 'filterTags', where: { name: tag }, attributes: [], through: { attributes: [] } }] : []),
      ];
      const order: [string, string][] = [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ];
      const [page, articlesCount] = await Promise.all([
        Article.findAll({ attributes: ['id'], include: filters, order, limit, offset, subQuery: false }),
        Article.count({ include: filters, distinct: true, col: 'id' }),
      ]);
      const ids = page.map((a) => a.id);
      if (ids.length === 0) return { articles: [], articlesCount };
      const rows = await Article.findAll({ where: { id: ids }, include: withAuthorAndTags, order });
      return { articles: rows.map(toRecord), articlesCount };
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
