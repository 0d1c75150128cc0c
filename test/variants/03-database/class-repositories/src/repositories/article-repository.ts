import { Op, Transaction, type Sequelize, type WhereOptions } from 'sequelize';
import type { Article, ArticleTag, Models, Tag, User } from '../db/models.js';

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
 * The only code that knows how articles are stored, as a class: one instance per database.
 * Every method takes an optional transaction, so the service can make several one unit of work.
 */
export class ArticleRepository {
  private readonly Article: typeof Article;
  private readonly Tag: typeof Tag;
  private readonly ArticleTag: typeof ArticleTag;
  private readonly User: typeof User;

  constructor(private readonly db: Sequelize) {
    const models = db.models as unknown as Models;
    this.Article = models.Article;
    this.Tag = models.Tag;
    this.ArticleTag = models.ArticleTag;
    this.User = models.User;
  }

  private get withAuthorAndTags() {
    return [
      { model: this.User, as: 'author' },
      { model: this.Tag, as: 'tags', through: { attributes: [] } },
    ];
  }

  private toRecord(row: Article): ArticleRecord {
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
  }

  /** Links an article to exactly these tags, creating the missing ones (INSERT IGNORE, then a locking read). */
  private async setTags(articleId: number, names: string[], transaction: Transaction, replace: boolean): Promise<void> {
    if (replace) await this.ArticleTag.destroy({ where: { articleId }, transaction });
    if (names.length === 0) return;
    await this.Tag.bulkCreate(names.map((name) => ({ name })), { ignoreDuplicates: true, transaction });
    const tags = await this.Tag.findAll({ where: { name: names }, transaction, lock: Transaction.LOCK.SHARE });
    await this.ArticleTag.bulkCreate(tags.map((t) => ({ articleId, tagId: t.id })), { transaction });
  }

  async findBySlug(slug: string, transaction?: Transaction): Promise<ArticleRecord | undefined> {
    const row = await this.Article.findOne({ where: { slug }, include: this.withAuthorAndTags, transaction });
    return row ? this.toRecord(row) : undefined;
  }

  async slugTaken(slug: string, exceptId: number | undefined, transaction?: Transaction): Promise<boolean> {
    const where: WhereOptions = exceptId === undefined ? { slug } : { slug, id: { [Op.ne]: exceptId } };
    return (await this.Article.count({ where, transaction })) > 0;
  }

  /** A page and the number of matches in one call: findAndCountAll, counting distinct articles. */
  async list({ tag, author, limit, offset }: ListFilter): Promise<{ articles: ArticleRecord[]; articlesCount: number }> {
    const include = [
      ...(author !== undefined ? [{ model: this.User, as: 'author', where: { username: author }, attributes: [] }] : []),
      ...(tag !== undefined ? [{ model: this.Tag, as: 'filterTags', where: { name: tag }, attributes: [], through: { attributes: [] } }] : []),
    ];
    const order: [string, string][] = [
      ['createdAt', 'DESC'],
      ['id', 'DESC'],
    ];
    const { rows: page, count } = await this.Article.findAndCountAll({ attributes: ['id'], include, order, limit, offset, distinct: true, col: 'id', subQuery: false });
    const ids = page.map((a) => a.id);
    if (ids.length === 0) return { articles: [], articlesCount: count };
    const rows = await this.Article.findAll({ where: { id: ids }, include: this.withAuthorAndTags, order });
    return { articles: rows.map((r) => this.toRecord(r)), articlesCount: count };
  }

  async insert(article: NewArticle, transaction: Transaction): Promise<number> {
    const { tagList, ...fields } = article;
    const row = await this.Article.create(fields, { transaction });
    await this.setTags(row.id, tagList, transaction, false);
    return row.id;
  }

  async update(id: number, changes: ArticleChanges, transaction: Transaction): Promise<void> {
    const { tagList, ...fields } = changes;
    await this.Article.update(fields, { where: { id }, transaction });
    if (tagList !== undefined) await this.setTags(id, tagList, transaction, true);
  }

  async slugOf(id: number, transaction?: Transaction): Promise<string | undefined> {
    return (await this.Article.findByPk(id, { attributes: ['slug'], transaction }))?.slug;
  }

  /** Comments and tag links go with it (ON DELETE CASCADE). How many rows this call removed: 0 or 1. */
  async remove(id: number): Promise<number> {
    return this.Article.destroy({ where: { id } });
  }

  /** The most used tags: counted per tag over article_tags, grouped and ordered by the database. */
  async tagsInUse(limit: number): Promise<string[]> {
    const rows = await this.ArticleTag.findAll({
      attributes: [[this.db.fn('COUNT', this.db.col('ArticleTag.article_id')), 'uses']],
      include: [{ model: this.Tag, as: 'tag', attributes: ['name'], required: true }],
      group: ['tag.id', 'tag.name'],
      order: [
        [this.db.literal('uses'), 'DESC'],
        [{ model: this.Tag, as: 'tag' }, 'name', 'ASC'],
      ],
      limit,
      subQuery: false,
      raw: true,
    });
    return rows.map((row) => (row as unknown as Record<string, string>)['tag.name']);
  }
}
