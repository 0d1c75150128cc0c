import { QueryTypes, type Sequelize } from 'sequelize';
import { z } from 'zod';
import type { CurrentUser } from '../auth/current-user.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import { sqlDate } from '../db/sql-date.js';
import { isPossibleSlug } from '../articles/slug-rules.js';

export interface CommentRecord {
  id: number;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  author: { id: number; username: string; bio: string | null; image: string | null };
}

export interface CommentsService {
  list(slug: string): Promise<CommentRecord[]>;
  add(slug: string, author: CurrentUser, input: unknown): Promise<CommentRecord>;
  remove(slug: string, id: string): Promise<void>;
}

export const MAX_COMMENT_LENGTH = 5000;
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const commentInput = z.object(
  {
    body: z
      .string({ error: (issue) => (issue.input == null ? "can't be blank" : 'must be a string') })
      .refine((b) => b.trim() !== '', "can't be blank")
      .refine((b) => !UNSTORABLE.test(b), 'must not contain a NUL character or broken Unicode')
      .refine((b) => [...b].length <= MAX_COMMENT_LENGTH, `is too long (at most ${MAX_COMMENT_LENGTH} characters)`),
  },
  { error: 'is required: send {"comment": {"body": "…"}}' },
);

/** A path segment that is a comment id: digits only, and small enough to be exact. */
const commentId = z.string().regex(/^[0-9]{1,15}$/).transform(Number);

interface Row {
  id: number;
  body: string;
  created_at: Date | string;
  updated_at: Date | string;
  author_id: number;
  username: string;
  bio: string | null;
  image: string | null;
}

/** SQLite hands raw DATETIMEs back as text ("2024-03-01 09:00:00.000 +00:00"), MySQL as Dates. */
function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  return m ? new Date(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`) : new Date(value);
}

const toRecord = (r: Row): CommentRecord => ({
  id: Number(r.id),
  body: r.body,
  createdAt: toDate(r.created_at),
  updatedAt: toDate(r.updated_at),
  author: { id: Number(r.author_id), username: r.username, bio: r.bio, image: r.image },
});

const SELECT = `SELECT c.id, c.body, c.created_at, c.updated_at, c.author_id, u.username, u.bio, u.image
  FROM comments c JOIN users u ON u.id = c.author_id`;

/** Comments in plain SQL with named replacements; the input checked by a zod schema. */
export function createCommentsService(db: Sequelize, clock: () => Date): CommentsService {
  async function articleId(slug: string): Promise<number> {
    if (!isPossibleSlug(slug)) throw new NotFoundError('article');
    const [row] = await db.query<{ id: number }>('SELECT id FROM articles WHERE slug = :slug', { replacements: { slug }, type: QueryTypes.SELECT });
    if (!row) throw new NotFoundError('article');
    return Number(row.id);
  }

  return {
    async list(slug) {
      const rows = await db.query<Row>(`${SELECT} WHERE c.article_id = :article ORDER BY c.created_at ASC, c.id ASC`, {
        replacements: { article: await articleId(slug) },
        type: QueryTypes.SELECT,
      });
      return rows.map(toRecord);
    },

    async add(slug, author, input) {
      const parsed = commentInput.safeParse(input);
      if (!parsed.success) {
        const errors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? 'comment')] ??= []).push(issue.message);
        throw new ValidationError(errors);
      }
      const article = await articleId(slug);
      const now = sqlDate(db, clock());
      const [id] = await db.query(
        'INSERT INTO comments (body, article_id, author_id, created_at, updated_at) VALUES (:body, :article, :author, :now, :now)',
        { replacements: { body: parsed.data.body, article, author: author.id, now }, type: QueryTypes.INSERT },
      );
      const [row] = await db.query<Row>(`${SELECT} WHERE c.id = :id`, { replacements: { id: Number(id) }, type: QueryTypes.SELECT });
      if (!row) throw new NotFoundError('comment');
      return toRecord(row);
    },

    async remove(slug, id) {
      const article = await articleId(slug);
      const parsed = commentId.safeParse(id);
      // Only a comment of this article can go through this URL; the row count says whether we removed it.
      const removed = parsed.success
        ? await db.query('DELETE FROM comments WHERE id = :id AND article_id = :article', { replacements: { id: parsed.data, article }, type: QueryTypes.BULKDELETE })
        : 0;
      if (removed === 0) throw new NotFoundError('comment');
    },
  };
}
