import type { WrongSubmission } from '../types.js';

export default {
  description: "article_tags.article_id has no foreign key: links to missing articles can be stored",
  caughtBy: "the database itself refuses a comment, a tag link or an article that points at a missing article, tag or user; deleting a tag takes its links along",
  edits: [
    { file: "src/db/migrations/0002-create-articles-and-tags.ts", find: "      article_id: {\n        type: DataTypes.INTEGER,\n        allowNull: false,\n        primaryKey: true,\n        references: { model: 'articles', key: 'id' },\n        onDelete: 'CASCADE',\n      },", replace: "      article_id: {\n        type: DataTypes.INTEGER,\n        allowNull: false,\n        primaryKey: true,\n      }," },
  ],
} satisfies WrongSubmission;
