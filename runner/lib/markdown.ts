/**
 * Lessons and hints as HTML for the step page: GitHub-flavoured Markdown (marked), code
 * highlighted on the server (highlight.js), headings with the same anchors GitHub gives them (so
 * a check's lesson link lands on its section), and links between lessons kept on the page.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import http from 'highlight.js/lib/languages/http';
import ini from 'highlight.js/lib/languages/ini';
import json from 'highlight.js/lib/languages/json';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './html.js';
import { slugify } from './lesson.js';

for (const [name, lang] of Object.entries({ bash, diff, dockerfile, http, ini, json, sql, typescript, yaml })) hljs.registerLanguage(name, lang);
hljs.registerAliases(['sh', 'shell', 'console'], { languageName: 'bash' });
hljs.registerAliases(['ts', 'js', 'javascript', 'tsx'], { languageName: 'typescript' });
hljs.registerAliases(['env', 'dotenv'], { languageName: 'ini' });
hljs.registerAliases(['yml'], { languageName: 'yaml' });


/** `docs/03-database.md#indexes` and `03-database.md#indexes` stay on the page: `/doc/03-database.md#indexes`. */
function pageLink(href: string): string {
  const m = /^(?:\.\.\/|\.\/)?(?:docs\/)?([\w-]+\.md)(#[\w-]*)?$/.exec(href);
  return m ? `/doc/${m[1]}${m[2] ?? ''}` : href;
}

const marked = new Marked({
  gfm: true,
  renderer: {
    heading({ tokens, depth }: Tokens.Heading): string {
      const text = this.parser.parseInline(tokens);
      const id = slugify(tokens.map((t) => ('text' in t ? t.text : t.raw)).join(''));
      return `<h${depth} id="${escapeHtml(id)}">${text}</h${depth}>\n`;
    },
    code({ text, lang }: Tokens.Code): string {
      const language = (lang ?? '').split(/\s/)[0];
      const known = language && hljs.getLanguage(language);
      const html = known ? hljs.highlight(text, { language, ignoreIllegals: true }).value : escapeHtml(text);
      return `<pre><code class="hljs${known ? ` language-${escapeHtml(language)}` : ''}">${html}</code></pre>\n`;
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const text = this.parser.parseInline(tokens);
      const external = /^https?:/.test(href);
      return `<a href="${escapeHtml(pageLink(href))}"${title ? ` title="${escapeHtml(title)}"` : ''}${external ? ' rel="noreferrer"' : ''}>${text}</a>`;
    },
  },
});

export function renderMarkdown(markdown: string): string {
  // Requirement markers and other comments are for the workshop's tests, not the reader.
  return marked.parse(markdown.replace(/<!--[\s\S]*?-->/g, ''), { async: false });
}
