import type { Sequelize } from 'sequelize';
import type { CurrentUser } from '../auth/current-user.js';
import { NotImplementedError } from '../http/errors.js';

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

const todo = (method: string) => new NotImplementedError(`TODO(03-database) in src/comments/comments.service.ts: ${method}`);

export function createCommentsService(db: Sequelize, clock: () => Date): CommentsService {
  // TODO(03-database): the models, once src/db/models.ts binds Article and Comment:
  // const { Article, Comment, User } = db.models as unknown as Models;
  // Every method starts by finding the article by its slug: none is a NotFoundError('article').
  void db;
  void clock;

  return {
    async list(_slug) {
      // TODO(03-database): the article's comments with their authors, oldest first (createdAt,
      // then id for comments made in the same millisecond).
      throw todo('list()');
    },

    async add(_slug, _author, _input) {
      // TODO(03-database): `input` is whatever came in the "comment" key. Check it is an object
      // with a non-blank string body of at most 5,000 characters, without NUL or broken Unicode
      // (ValidationError, 422, otherwise: docs/03-database.md#comments), then create the comment
      // with the article's id, the author's id and createdAt = updatedAt = clock(), and return it
      // with its author.
      throw todo('add()');
    },

    async remove(_slug, _id) {
      // TODO(03-database): `id` is the text from the URL. Delete the comment with this id AND this
      // article's id; an id that is not a whole number, or deletes nothing, is a NotFoundError('comment').
      throw todo('remove()');
    },
  };
}
