import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/*
 * The tables as Sequelize models, written with sequelize.define (no classes). `underscored: true`
 * maps the camelCase attributes to the snake_case columns the migrations create; the timestamps are
 * plain columns set from the app's clock, so Sequelize's own are off. The models never create a
 * table (no sync()): they only describe what the migrations made.
 */

export interface UserRow {
  id: number;
  username: string;
  email: string;
  bio: string | null;
  image: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  body: string;
  authorId: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TagRow {
  id: number;
  name: string;
}

export interface CommentRow {
  id: number;
  body: string;
  articleId: number;
  authorId: number;
  createdAt: Date;
  updatedAt: Date;
}

export type UserInstance = Model<UserRow, Optional<UserRow, 'id'>> & UserRow;
export type ArticleInstance = Model<ArticleRow, Optional<ArticleRow, 'id'>> & ArticleRow & { author?: UserInstance; tags?: TagInstance[] };
export type TagInstance = Model<TagRow, Optional<TagRow, 'id'>> & TagRow;
export type CommentInstance = Model<CommentRow, Optional<CommentRow, 'id'>> & CommentRow & { author?: UserInstance };

export interface Tables {
  users: ModelStatic<UserInstance>;
  articles: ModelStatic<ArticleInstance>;
  tags: ModelStatic<TagInstance>;
  comments: ModelStatic<CommentInstance>;
}

const pk = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
const stamps = {
  createdAt: { type: DataTypes.DATE(3), allowNull: false },
  updatedAt: { type: DataTypes.DATE(3), allowNull: false },
};
const options = (tableName: string) => ({ tableName, underscored: true, timestamps: false, freezeTableName: true });

/** Defines the models on one Sequelize instance (openDatabase calls it once) and links them. */
export function initModels(sequelize: Sequelize): Tables {
  const users = sequelize.define<UserInstance>(
    'user',
    {
      id: pk,
      username: { type: DataTypes.STRING(64), allowNull: false },
      email: { type: DataTypes.STRING(255), allowNull: false },
      bio: { type: DataTypes.TEXT, allowNull: true },
      image: { type: DataTypes.STRING(2048), allowNull: true },
      ...stamps,
    },
    options('users'),
  );
  const articles = sequelize.define<ArticleInstance>(
    'article',
    {
      id: pk,
      slug: { type: DataTypes.STRING(255), allowNull: false },
      title: { type: DataTypes.STRING(255), allowNull: false },
      description: { type: DataTypes.STRING(1024), allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      authorId: { type: DataTypes.INTEGER, allowNull: false },
      ...stamps,
    },
    options('articles'),
  );
  const tags = sequelize.define<TagInstance>('tag', { id: pk, name: { type: DataTypes.STRING(64), allowNull: false } }, options('tags'));
  const comments = sequelize.define<CommentInstance>(
    'comment',
    {
      id: pk,
      body: { type: DataTypes.TEXT, allowNull: false },
      articleId: { type: DataTypes.INTEGER, allowNull: false },
      authorId: { type: DataTypes.INTEGER, allowNull: false },
      ...stamps,
    },
    options('comments'),
  );

  articles.belongsTo(users, { as: 'author', foreignKey: 'authorId' });
  // The join table by name only: the links are written in SQL (articles.repository.ts).
  articles.belongsToMany(tags, { as: 'tags', through: 'article_tags', foreignKey: { name: 'articleId', field: 'article_id' }, otherKey: { name: 'tagId', field: 'tag_id' }, timestamps: false });
  comments.belongsTo(users, { as: 'author', foreignKey: 'authorId' });
  return { users, articles, tags, comments };
}

/** The models bound to this database (defined by initModels when it was opened). */
export function tables(sequelize: Sequelize): Tables {
  const m = sequelize.models;
  return { users: m.user, articles: m.article, tags: m.tag, comments: m.comment } as unknown as Tables;
}
