import { DataTypes, Model, type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Sequelize } from 'sequelize';

/*
 * The models describe the tables that the migrations create; they never create tables themselves
 * (no sync()). Timestamps are ordinary columns that the services set from the injected clock, so
 * tests control time, and DATE(3) keeps milliseconds on MySQL.
 */

export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare username: string;
  declare email: string;
  declare bio: string | null;
  declare image: string | null;
  /** bcrypt, never the password. Left out of every query unless asked for: User.scope('withPassword'). */
  declare passwordHash: string;
  declare role: CreationOptional<Role>;
  /** Goes up when the password changes: tokens issued before carry an older one and are refused. */
  declare tokenVersion: CreationOptional<number>;
  declare createdAt: Date;
  declare updatedAt: Date;
}

export class Article extends Model<InferAttributes<Article>, InferCreationAttributes<Article>> {
  declare id: CreationOptional<number>;
  declare slug: string;
  declare title: string;
  declare description: string;
  declare body: string;
  declare authorId: ForeignKey<User['id']>;
  declare createdAt: Date;
  declare updatedAt: Date;
  declare author?: NonAttribute<User>;
  declare tags?: NonAttribute<Tag[]>;
}

export class Tag extends Model<InferAttributes<Tag>, InferCreationAttributes<Tag>> {
  declare id: CreationOptional<number>;
  declare name: string;
}

export class ArticleTag extends Model<InferAttributes<ArticleTag>, InferCreationAttributes<ArticleTag>> {
  declare articleId: number;
  declare tagId: number;
}

export class Comment extends Model<InferAttributes<Comment>, InferCreationAttributes<Comment>> {
  declare id: CreationOptional<number>;
  declare body: string;
  declare articleId: ForeignKey<Article['id']>;
  declare authorId: ForeignKey<User['id']>;
  declare createdAt: Date;
  declare updatedAt: Date;
  declare author?: NonAttribute<User>;
}

export class Follow extends Model<InferAttributes<Follow>, InferCreationAttributes<Follow>> {
  declare id: CreationOptional<number>;
  declare followerId: ForeignKey<User['id']>;
  declare followedId: ForeignKey<User['id']>;
  declare createdAt: Date;
}

export class Favorite extends Model<InferAttributes<Favorite>, InferCreationAttributes<Favorite>> {
  declare id: CreationOptional<number>;
  declare userId: ForeignKey<User['id']>;
  declare articleId: ForeignKey<Article['id']>;
  declare createdAt: Date;
}

export interface Models {
  User: typeof User;
  Article: typeof Article;
  Tag: typeof Tag;
  ArticleTag: typeof ArticleTag;
  Comment: typeof Comment;
  Follow: typeof Follow;
  Favorite: typeof Favorite;
}

const common = { underscored: true, timestamps: false } as const;
const timestamps = {
  createdAt: { type: DataTypes.DATE(3), allowNull: false },
  updatedAt: { type: DataTypes.DATE(3), allowNull: false },
};

/** Binds the model classes to one database. Called once per Sequelize instance by openDatabase. */
export function initModels(sequelize: Sequelize): Models {
  User.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      email: { type: DataTypes.STRING(255), allowNull: false, unique: true },
      bio: { type: DataTypes.TEXT, allowNull: true },
      image: { type: DataTypes.STRING(2048), allowNull: true },
      passwordHash: { type: DataTypes.STRING(255), allowNull: false },
      role: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'user', validate: { isIn: [[...ROLES]] } },
      tokenVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ...timestamps,
    },
    {
      sequelize,
      tableName: 'users',
      ...common,
      // A second line of defence: a user loaded anywhere (an article's author, a comment's) comes
      // without the hash, so no JSON made from it can leak it. Only login asks for it.
      defaultScope: { attributes: { exclude: ['passwordHash'] } },
      scopes: { withPassword: { attributes: { exclude: [] } } },
    },
  );
  Article.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      slug: { type: DataTypes.STRING(255), allowNull: false, unique: true },
      title: { type: DataTypes.STRING(255), allowNull: false },
      description: { type: DataTypes.STRING(1024), allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      ...timestamps,
    },
    { sequelize, tableName: 'articles', ...common },
  );
  Tag.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      name: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    },
    { sequelize, tableName: 'tags', ...common },
  );
  ArticleTag.init(
    {
      articleId: { type: DataTypes.INTEGER, primaryKey: true },
      tagId: { type: DataTypes.INTEGER, primaryKey: true },
    },
    { sequelize, tableName: 'article_tags', ...common },
  );
  Comment.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      body: { type: DataTypes.TEXT, allowNull: false },
      ...timestamps,
    },
    { sequelize, tableName: 'comments', ...common },
  );

  Follow.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { sequelize, tableName: 'follows', ...common },
  );
  Favorite.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { sequelize, tableName: 'favorites', ...common },
  );

  Article.belongsTo(User, { as: 'author', foreignKey: 'authorId' });
  User.hasMany(Article, { as: 'articles', foreignKey: 'authorId' });
  Article.belongsToMany(Tag, { as: 'tags', through: ArticleTag, foreignKey: 'articleId', otherKey: 'tagId' });
  // A second path to the same tags, used only to filter (?tag=x) without trimming `tags` itself.
  Article.belongsToMany(Tag, { as: 'filterTags', through: ArticleTag, foreignKey: 'articleId', otherKey: 'tagId' });
  Tag.belongsToMany(Article, { as: 'articles', through: ArticleTag, foreignKey: 'tagId', otherKey: 'articleId' });
  Comment.belongsTo(Article, { as: 'article', foreignKey: 'articleId' });
  Comment.belongsTo(User, { as: 'author', foreignKey: 'authorId' });
  Article.hasMany(Comment, { as: 'comments', foreignKey: 'articleId' });

  Follow.belongsTo(User, { as: 'follower', foreignKey: 'followerId' });
  Follow.belongsTo(User, { as: 'followed', foreignKey: 'followedId' });
  Favorite.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  Favorite.belongsTo(Article, { as: 'article', foreignKey: 'articleId' });

  return { User, Article, Tag, ArticleTag, Comment, Follow, Favorite };
}
