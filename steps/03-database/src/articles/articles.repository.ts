import type { Sequelize, Transaction } from 'sequelize';
import { NotImplementedError } from '../http/errors.js';

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
 * The only code that knows how articles are stored. Every method that writes, or reads on the way
 * to a write, takes an optional transaction, so the service can make several calls one unit of work.
 */
export interface ArticleRepository {
  findBySlug(slug: string, transaction?: Transaction): Promise<ArticleRecord | undefined>;
  /** Whether an article other than `exceptId` has this slug. */
  slugTaken(slug: string, exceptId: number | undefined, transaction?: Transaction): Promise<boolean>;
  /** A page of articles, newest first (createdAt, then id), and how many match in all. */
  list(filter: ListFilter): Promise<{ articles: ArticleRecord[]; articlesCount: number }>;
  /** Saves the article, the tags it needs and its links to them; returns the new id. */
  insert(article: NewArticle, transaction?: Transaction): Promise<number>;
  /** Changes these fields; a tagList replaces the article's tags. */
  update(id: number, changes: ArticleChanges, transaction?: Transaction): Promise<void>;
  slugOf(id: number, transaction?: Transaction): Promise<string | undefined>;
  /** Deletes the article; its comments and tag links go with it. True when this call removed the row. */
  remove(id: number): Promise<boolean>;
  /** The `limit` tags carried by the most articles, most used first, ties by name. */
  tagsInUse(limit: number): Promise<string[]>;
}

const todo = (method: string) => new NotImplementedError(`TODO(03-database) in src/articles/articles.repository.ts: ${method}`);

/**
 * The articles in the database. Until it works, createApp keeps step 02's in-memory store
 * (./articles.memory.ts), which has the same methods: switch createApp over when this is done.
 */
export function createArticleRepository(db: Sequelize): ArticleRepository {
  // TODO(03-database): your models, once src/db/models.ts binds them (db.models).
  void db;

  return {
    async findBySlug(_slug, _transaction) {
      // TODO(03-database): Article.findOne with the slug, including the author (User, as 'author')
      // and the tags (Tag, as 'tags', through: { attributes: [] }); turn the row into an
      // ArticleRecord (tagList: the tags' names, sorted). undefined when there is none.
      throw todo('findBySlug()');
    },

    async slugTaken(_slug, _exceptId, _transaction) {
      // TODO(03-database): count the articles with this slug and another id (Op.ne).
      throw todo('slugTaken()');
    },

    async list(_filter) {
      // TODO(03-database): filter by author (the author's username) and tag (through article_tags),
      // order by createdAt DESC then id DESC, apply limit and offset, and count every match.
      // Let the database do all of it: never load every article to filter in JavaScript.
      throw todo('list()');
    },

    async insert(_article, _transaction) {
      // TODO(03-database): Article.create the row, then the tags: create the ones that do not
      // exist yet (two requests may create the same new tag at once: Tag.bulkCreate with
      // ignoreDuplicates), read them back, and ArticleTag.bulkCreate the links. Pass
      // { transaction } to every query.
      throw todo('insert()');
    },

    async update(_id, _changes, _transaction) {
      // TODO(03-database): Article.update the fields; when tagList is given, replace the links
      // (delete the old ones, then as in insert). Pass { transaction } to every query.
      throw todo('update()');
    },

    async slugOf(_id, _transaction) {
      throw todo('slugOf()');
    },

    async remove(_id) {
      // TODO(03-database): Article.destroy. With ON DELETE CASCADE in the migrations, the database
      // removes the comments and tag links too. Say whether this call removed the row.
      throw todo('remove()');
    },

    async tagsInUse(_limit) {
      // TODO(03-database): the names of the `limit` tags carried by the most articles, most used
      // first, ties by name: one query that joins, groups, counts, orders and limits
      // (docs/03-database.md#articles-in-the-database).
      throw todo('tagsInUse()');
    },
  };
}
