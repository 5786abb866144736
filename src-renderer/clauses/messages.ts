import type { ClausePosition } from '../../src-shared/api/index.js';
import { defineMessages } from '../../src-shared/i18n/index.js';

/** The clause library's texts in the editor (spread into UI_TEXT). */
export const CLAUSES_UI_TEXT = defineMessages({
  'audit.action.clause.inserted': { en: 'Clause inserted from the library', 'zh-CN': '从条款库插入条款' },
  'audit.action.clause.added': { en: 'Clause saved to the library', 'zh-CN': '保存条款到条款库' },
  'audit.action.clause.revised': { en: 'Clause edited in the library', 'zh-CN': '在条款库中修改条款' },
  'clauses.title': { en: 'Clause library', 'zh-CN': '条款库' },
  'nav.clauses': { en: 'Clauses', 'zh-CN': '条款库' },
  'clauses.screenIntro': {
    en: 'Reusable clauses: edit them here (each edit is a new revision) and see where they are used. Save and insert clauses from a contract’s Draft tab.',
    'zh-CN': '可复用的条款：在此修改（每次修改为新版本）并查看使用情况。在合同的“起草”页中保存和插入条款。',
  },
  'clauses.search': { en: 'Search clauses', 'zh-CN': '搜索条款' },
  'clauses.searchPlaceholder': { en: 'Title, tag or words…', 'zh-CN': '标题、标签或正文…' },
  'clauses.filter.position': { en: 'Position', 'zh-CN': '条款类型' },
  'clauses.filter.all': { en: 'All', 'zh-CN': '全部' },
  'clauses.position.standard': { en: 'Standard', 'zh-CN': '标准条款' },
  'clauses.position.fallback': { en: 'Fallback', 'zh-CN': '备选条款' },
  'clauses.results': { en: 'Clauses found', 'zh-CN': '找到的条款' },
  'clauses.empty': {
    en: 'No clauses yet. Put the cursor in an article (or select a passage) and choose “Save as clause”.',
    'zh-CN': '条款库还是空的。把光标放在某条中（或选中一段文字），然后点“存为条款”。',
  },
  'clauses.noMatch': { en: 'No clause matches “{query}”.', 'zh-CN': '没有与“{query}”匹配的条款。' },
  'clauses.loading': { en: 'Searching…', 'zh-CN': '正在搜索…' },
  'clauses.saveSelection': { en: 'Save as clause', 'zh-CN': '存为条款' },
  'clauses.nothingSelected': {
    en: 'Put the cursor in an article or select a passage first.',
    'zh-CN': '请先把光标放在某条中，或选中一段文字。',
  },
  'clauses.form.add': { en: 'Save as clause', 'zh-CN': '存为条款' },
  'clauses.form.revise': { en: 'Edit clause (saved as a new revision)', 'zh-CN': '修改条款（另存为新版本）' },
  'clauses.form.title': { en: 'Title', 'zh-CN': '标题' },
  'clauses.form.tags': { en: 'Tags (separated by commas)', 'zh-CN': '标签（用逗号分隔）' },
  'clauses.form.language': { en: 'Language', 'zh-CN': '语言' },
  'clauses.form.heading': { en: 'Article heading (empty for a passage)', 'zh-CN': '条标题（留空则为段落）' },
  'clauses.form.text': { en: 'Text — one paragraph a line; a variable is its key in double braces', 'zh-CN': '正文——每行一段；变量写作双花括号括起的变量名' },
  'clauses.form.textNote': {
    en: 'Editing as text keeps words and variables; bold and tables are not kept.',
    'zh-CN': '以文本修改会保留文字与变量，不保留加粗和表格。',
  },
  'clauses.form.preview': { en: 'What will be saved', 'zh-CN': '将保存的内容' },
  'clauses.form.save': { en: 'Save', 'zh-CN': '保存' },
  'clauses.form.cancel': { en: 'Cancel', 'zh-CN': '取消' },
  'clauses.saved': { en: 'Saved “{title}” (revision {revision}).', 'zh-CN': '已保存“{title}”（第 {revision} 版）。' },
  'clauses.revisionNote': {
    en: 'Drafts and contracts that already contain this clause keep their own copy.',
    'zh-CN': '已包含此条款的草稿和合同保留各自的副本，不受修改影响。',
  },
  'clauses.detail.revision': { en: 'Revision {revision} · {tags}', 'zh-CN': '第 {revision} 版 · {tags}' },
  'clauses.detail.variables': { en: 'Fill its variables (optional)', 'zh-CN': '填写变量（可选）' },
  'clauses.insert': { en: 'Insert at cursor', 'zh-CN': '插入到光标处' },
  'clauses.inserted': { en: 'Inserted “{title}”.', 'zh-CN': '已插入“{title}”。' },
  'clauses.insertNowhere': { en: 'The clause cannot go where the cursor is.', 'zh-CN': '无法在光标所在位置插入该条款。' },
  'clauses.edit': { en: 'Edit', 'zh-CN': '修改' },
  'clauses.close': { en: 'Close', 'zh-CN': '关闭' },
  'clauses.uses.title': { en: 'Where used', 'zh-CN': '使用情况' },
  'clauses.uses.none': { en: 'Not inserted into any contract yet.', 'zh-CN': '尚未插入任何合同。' },
  'clauses.uses.entry': { en: 'revision {revision}, {when}', 'zh-CN': '第 {revision} 版，{when}' },
  'clauses.noTags': { en: 'no tags', 'zh-CN': '无标签' },
  'clauses.tagSeparator': { en: ', ', 'zh-CN': '、' },
});

/** The UI text of each clause position. */
export const POSITION_TEXT = { standard: 'clauses.position.standard', fallback: 'clauses.position.fallback' } as const satisfies Record<ClausePosition, string>;
