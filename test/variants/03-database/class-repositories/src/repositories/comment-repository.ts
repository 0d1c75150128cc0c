import type { Sequelize } from 'sequelize';
import type { Comment, Models } from '../db/models.js';

/** A comment as the service sees it: plain data with its author. */
export interface CommentRow {
  id: number;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  author: { id: number; username: string; bio: string | null; image: string | null };
}

/** The only code that knows how comments are stored. */
export class CommentRepository {
  constructor(private readonly db: Sequelize) {}

  private get models(): Models {
    return this.db.models as unknown as Models;
  }

  private static toRow(c: Comment): CommentRow {
    if (!c.author) throw new Error(`comment ${c.id} was loaded without its author`);
    const { id, username, bio, image } = c.author;
    return { id: c.id, body: c.body, createdAt: c.createdAt, updatedAt: c.updatedAt, author: { id, username, bio, image } };
  }

  async articleIdOf(slug: string): Promise<number | undefined> {
    return (await this.models.Article.findOne({ where: { slug }, attributes: ['id'] }))?.id;
  }

  /** Oldest first; the id orders comments made in the same millisecond. */
  async ofArticle(articleId: number): Promise<CommentRow[]> {
    const rows = await this.models.Comment.findAll({
      where: { articleId },
      include: [{ model: this.models.User, as: 'author' }],
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
    });
    return rows.map(CommentRepository.toRow);
  }

  async insert(fields: { body: string; articleId: number; authorId: number; at: Date }): Promise<CommentRow> {
    const { body, articleId, authorId, at } = fields;
    const created = await this.models.Comment.create({ body, articleId, authorId, createdAt: at, updatedAt: at });
    const saved = await this.models.Comment.findByPk(created.id, { include: [{ model: this.models.User, as: 'author' }] });
    if (!saved) throw new Error(`comment ${created.id} vanished after its insert`);
    return CommentRepository.toRow(saved);
  }

  /** Deletes the comment only under its own article; answers how many rows went (0 or 1). */
  async removeFrom(articleId: number, id: number): Promise<number> {
    return this.models.Comment.destroy({ where: { id, articleId } });
  }
}
