import { defineMessages, inLanguage, type Language } from '../../src-shared/i18n/index.js';

export { fill } from '../../src-shared/i18n/index.js';

/** The shell's own words (menus, dialogs, notifications), in both UI languages. */
const SHELL_TEXT = defineMessages({
  appName: { en: 'Inkstone', 'zh-CN': 'Inkstone' },
  about: { en: 'About Inkstone', 'zh-CN': '关于 Inkstone' },
  services: { en: 'Services', 'zh-CN': '服务' },
  hide: { en: 'Hide Inkstone', 'zh-CN': '隐藏 Inkstone' },
  hideOthers: { en: 'Hide Others', 'zh-CN': '隐藏其他' },
  showAll: { en: 'Show All', 'zh-CN': '全部显示' },
  quit: { en: 'Quit Inkstone', 'zh-CN': '退出 Inkstone' },
  file: { en: 'File', 'zh-CN': '文件' },
  importPdfs: { en: 'Import PDFs…', 'zh-CN': '导入 PDF…' },
  close: { en: 'Close Window', 'zh-CN': '关闭窗口' },
  edit: { en: 'Edit', 'zh-CN': '编辑' },
  undo: { en: 'Undo', 'zh-CN': '撤销' },
  redo: { en: 'Redo', 'zh-CN': '重做' },
  cut: { en: 'Cut', 'zh-CN': '剪切' },
  copy: { en: 'Copy', 'zh-CN': '复制' },
  paste: { en: 'Paste', 'zh-CN': '粘贴' },
  selectAll: { en: 'Select All', 'zh-CN': '全选' },
  view: { en: 'View', 'zh-CN': '显示' },
  reload: { en: 'Reload', 'zh-CN': '重新加载' },
  devTools: { en: 'Developer Tools', 'zh-CN': '开发者工具' },
  actualSize: { en: 'Actual Size', 'zh-CN': '实际大小' },
  zoomIn: { en: 'Zoom In', 'zh-CN': '放大' },
  zoomOut: { en: 'Zoom Out', 'zh-CN': '缩小' },
  fullScreen: { en: 'Toggle Full Screen', 'zh-CN': '切换全屏' },
  window: { en: 'Window', 'zh-CN': '窗口' },
  minimize: { en: 'Minimize', 'zh-CN': '最小化' },
  zoom: { en: 'Zoom', 'zh-CN': '缩放' },
  help: { en: 'Help', 'zh-CN': '帮助' },
  documentation: { en: 'Inkstone Documentation', 'zh-CN': 'Inkstone 使用说明' },
  docsUrl: { en: 'https://docs.inkstone.app/en/', 'zh-CN': 'https://docs.inkstone.app/zh-CN/' },
  pdfFilter: { en: 'PDF documents', 'zh-CN': 'PDF 文档' },
  importTitle: { en: 'Import contracts', 'zh-CN': '导入合同' },
  importDone: { en: 'Import finished', 'zh-CN': '导入完成' },
  importSummary: {
    en: '{imported} imported, {duplicates} already in the library, {failed} not imported.',
    'zh-CN': '已导入 {imported} 个，已在合同库中 {duplicates} 个，未导入 {failed} 个。',
  },
  chooseFolderTitle: { en: 'Choose the data folder', 'zh-CN': '选择数据文件夹' },
  chooseFolderButton: { en: 'Use this folder', 'zh-CN': '使用此文件夹' },
  dataFolderFallback: {
    en: 'The data folder {path} cannot be used ({reason}). Inkstone is using {fallback} for now.',
    'zh-CN': '无法使用数据文件夹 {path}（{reason}）。Inkstone 暂时使用 {fallback}。',
  },
  coreStopped: {
    en: 'The Inkstone core stopped unexpectedly (code {code}). Inkstone will close; your library is safe on disk.',
    'zh-CN': 'Inkstone 核心进程意外停止（代码 {code}）。程序将关闭，您的合同库已安全保存在磁盘上。',
  },
  reminderOne: { en: '“{title}” {when}', 'zh-CN': '“{title}”{when}' },
  reminderMany: { en: '{count} contracts expire or renew soon', 'zh-CN': '有 {count} 份合同即将到期或需续约' },
  reminderTitle: { en: 'Contract reminder', 'zh-CN': '合同提醒' },
  expiresToday: { en: 'expires today', 'zh-CN': '今天到期' },
  expiresIn: { en: 'expires in {days} days ({date})', 'zh-CN': '将在 {days} 天后到期（{date}）' },
  expired: { en: 'expired {days} days ago ({date})', 'zh-CN': '已于 {days} 天前到期（{date}）' },
  renewalIn: { en: 'renewal notice due in {days} days ({date})', 'zh-CN': '续约提醒日在 {days} 天后（{date}）' },
  renewalToday: { en: 'renewal notice due today', 'zh-CN': '今天是续约提醒日' },
  renewalPassed: { en: 'renewal notice date passed {days} days ago ({date})', 'zh-CN': '续约提醒日已过 {days} 天（{date}）' },
  saveCopyTitle: { en: 'Save as', 'zh-CN': '保存为' },
  // Signing devices (issue 9)
  chooseModuleTitle: { en: 'Choose the token driver (PKCS#11 module)', 'zh-CN': '选择 USB Key 驱动（PKCS#11 模块）' },
  moduleFilter: { en: 'PKCS#11 modules', 'zh-CN': 'PKCS#11 模块' },
  choosePkcs12Title: { en: 'Choose a certificate file', 'zh-CN': '选择证书文件' },
  pkcs12Filter: { en: 'Certificate files (PKCS#12)', 'zh-CN': '证书文件（PKCS#12）' },
  allFiles: { en: 'All files', 'zh-CN': '所有文件' },
});

export type ShellStrings = { readonly [K in keyof typeof SHELL_TEXT]: string };

export function shellStrings(lang: Language): ShellStrings {
  return inLanguage(SHELL_TEXT, lang);
}
