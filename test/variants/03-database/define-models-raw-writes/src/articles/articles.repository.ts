import { Op, QueryTypes, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import { tables, type ArticleInstance, type ArticleRow } from '../db/models.js';
import { sqlDate } from '../db/sql-date.js';

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

const COLUMNS = { slug: 'slug', title: 'title', description: 'description', body: 'body', updatedAt: 'updated_at' } as const;

/**
 * Reads go through the models (findAndCountAll, includes); writes are plain SQL through
 * sequelize.query with named replacements, always inside the caller's transaction.
 */
export function createArticleRepository(db: Sequelize) {
  const { articles, users, tags } = tables(db);
  const mysql = db.getDialect() === 'mysql';
  const include = [
    { model: users, as: 'author' },
    { model: tags, as: 'tags', through: { attributes: [] } },
  ];

  const toRecord = (row: ArticleInstance): ArticleRecord => {
    const a = row.get({ plain: true }) as ArticleRow & { author?: ArticleRecord['author']; tags?: { name: string }[] };
    if (!a.author) throw new Error(`article ${a.id} came without its author`);
    const { id, username, bio, image } = a.author;
    return {
      id: a.id,
      slug: a.slug,
      title: a.title,
      description: a.description,
      body: a.body,
      tagList: (a.tags ?? []).map((t) => t.name).sort(),
      createdAt: new Date(a.createdAt),
      updatedAt: new Date(a.updatedAt),
      author: { id, username, bio, image },
    };
  };

  /** Makes sure every name has a row in tags, then links them to the article. */
  async function link(articleId: number, names: string[], transaction: Transaction): Promise<void> {
    if (names.length === 0) return;
    const values = names.map((_n, i) => `(:t${i})`).join(', ');
    const named = Object.fromEntries(names.map((n, i) => [`t${i}`, n]));
    // Two articles bringing the same new tag at once: the second insert is a no-op, not an error.
    const insertTags = mysql
      ? `INSERT INTO tags (name) VALUES ${values} ON DUPLICATE KEY UPDATE name = name`
      : `INSERT INTO tags (name) VALUES ${values} ON CONFLICT (name) DO NOTHING`;
    await db.query(insertTags, { replacements: named, transaction });
    // Locking read on MySQL: a plain SELECT reads the transaction's snapshot, which may predate the
    // tag another transaction just committed.
    const found = await db.query<{ id: number }>(`SELECT id FROM tags WHERE name IN (:names)${mysql ? ' LOCK IN SHARE MODE' : ''}`, {
      replacements: { names },
      type: QueryTypes.SELECT,
      transaction,
    });
    const pairs = found.map((_t, i) => `(:article, :tag${i})`).join(', ');
    await db.query(`INSERT INTO article_tags (article_id, tag_id) VALUES ${pairs}`, {
      replacements: { article: articleId, ...Object.fromEntries(found.map((t, i) => [`tag${i}`, t.id])) },
      transaction,
    });
  }

  return {
    async findBySlug(slug: string, transaction?: Transaction): Promise<ArticleRecord | undefined> {
      const row = await articles.findOne({ where: { slug }, include, transaction });
      return row ? toRecord(row) : undefined;
    },

    async slugTaken(slug: string, transaction: Transaction): Promise<boolean> {
      const rows = await db.query('SELECT 1 AS taken FROM articles WHERE slug = :slug', { replacements: { slug }, type: QueryTypes.SELECT, transaction });
      return rows.length > 0;
    },

    /** A page, newest first, and the number of matches: findAndCountAll, the filters as ids. */
    async list({ tag, author, limit, offset }: ListFilter): Promise<{ articles: ArticleRecord[]; articlesCount: number }> {
      const where: WhereOptions[] = [];
      if (author !== undefined) {
        const user = await users.findOne({ where: { username: author }, attributes: ['id'] });
        if (!user) return { articles: [], articlesCount: 0 };
        where.push({ authorId: user.id });
      }
      if (tag !== undefined) {
        const row = await tags.findOne({ where: { name: tag }, attributes: ['id'] });
        if (!row) return { articles: [], articlesCount: 0 };
        // The tag's id comes from the database and is an integer: nothing of the client is in this SQL.
        where.push({ id: { [Op.in]: db.literal(`(SELECT article_id FROM article_tags WHERE tag_id = ${Number(row.id)})`) } });
      }
      const { rows, count } = await articles.findAndCountAll({
        where: { [Op.and]: where },
        include,
        distinct: true,
        col: 'id',
        order: [
          ['createdAt', 'DESC'],
          ['id', 'DESC'],
        ],
        limit,
        offset,
      });
      return { articles: rows.map(toRecord), articlesCount: count };
    },

    async insert(article: NewArticle, transaction: Transaction): Promise<number> {
      const { tagList, ...row } = article;
      const [id] = await db.query(
        `INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)
         VALUES (:slug, :title, :description, :body, :authorId, :createdAt, :updatedAt)`,
        { replacements: { ...row, createdAt: sqlDate(db, row.createdAt), updatedAt: sqlDate(db, row.updatedAt) }, type: QueryTypes.INSERT, transaction },
      );
      await link(Number(id), tagList, transaction);
      return Number(id);
    },

    async update(id: number, changes: ArticleChanges, transaction: Transaction): Promise<void> {
      const { tagList, ...fields } = changes;
      const keys = (Object.keys(fields) as (keyof typeof COLUMNS)[]).filter((k) => fields[k] !== undefined);
      if (keys.length > 0) {
        await db.query(`UPDATE articles SET ${keys.map((k) => `${COLUMNS[k]} = :${k}`).join(', ')} WHERE id = :id`, {
          replacements: { ...fields, ...(fields.updatedAt ? { updatedAt: sqlDate(db, fields.updatedAt) } : {}), id },
          type: QueryTypes.UPDATE,
          transaction,
        });
      }
      if (tagList !== undefined) {
        await db.query('DELETE FROM article_tags WHERE article_id = :id', { replacements: { id }, type: QueryTypes.BULKDELETE, transaction });
        await link(id, tagList, transaction);
      }
    },

    /** The number of rows removed: of two deletes at once, one removes it and the other finds nothing. */
    async remove(id: number): Promise<number> {
      return db.query('DELETE FROM articles WHERE id = :id', { replacements: { id }, type: QueryTypes.BULKDELETE });
    },

    /** The `limit` most used tags, ties by name: grouped and counted in one query. */
    async tagsInUse(limit: number): Promise<string[]> {
      const rows = await db.query<{ name: string }>(
        `SELECT t.name AS name FROM tags t JOIN article_tags j ON j.tag_id = t.id
         GROUP BY t.id, t.name ORDER BY COUNT(*) DESC, t.name ASC LIMIT :limit`,
        { replacements: { limit }, type: QueryTypes.SELECT },
      );
      return rows.map((r) => r.name);
    },
  };
}

export type ArticleRepository = ReturnType<typeof createArticleRepository>;
