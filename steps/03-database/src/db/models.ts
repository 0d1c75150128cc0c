import type { Sequelize } from 'sequelize';

/*
 * TODO(03-database): the models of your tables (users, articles, tags, article_tags, comments),
 * bound to the database here, and the associations your queries follow
 * (docs/03-database.md#the-concept: models and associations). The models describe the tables
 * that the migrations create; they never create tables themselves (no sync()).
 */

/** The model classes initModels binds, by name: yours go here. */
export interface Models {}

/** Binds the model classes to one database. Called once per Sequelize instance by openDatabase. */
export function initModels(sequelize: Sequelize): Models {
  void sequelize;
  return {};
}
