import { defineMessages } from '../../src-shared/i18n/index.js';

/** The texts of the Seals screen and the organisation profile (spread into UI_TEXT). */
export const SEALS_UI_TEXT = defineMessages({
  'nav.seals': { en: 'Seals', 'zh-CN': '印章' },

  'organisation.title': { en: 'Organisation', 'zh-CN': '单位信息' },
  'organisation.hint': {
    en: 'The organisation that signs with this library. Company seals are generated from its legal name.',
    'zh-CN': '使用本合同库签署的单位。公司印章根据其法定名称生成。',
  },
  'organisation.legalName': { en: 'Legal name', 'zh-CN': '单位法定名称' },
  'organisation.legalNameHint': { en: 'Exactly as registered: it is cut into the seal.', 'zh-CN': '与营业执照一致，将刻入印章。' },
  'organisation.creditCode': { en: 'Unified social credit code', 'zh-CN': '统一社会信用代码' },
  'organisation.legalRepresentative': { en: 'Legal representative', 'zh-CN': '法定代表人' },
  'organisation.address': { en: 'Registered address', 'zh-CN': '注册地址' },
  'organisation.creditCodeInvalid': {
    en: 'A unified social credit code has 18 characters and a valid check character (the last one).',
    'zh-CN': '统一社会信用代码为 18 位，且最后一位校验码须正确。',
  },
  'organisation.save': { en: 'Save organisation', 'zh-CN': '保存单位信息' },
  'organisation.saved': { en: 'Organisation saved.', 'zh-CN': '单位信息已保存。' },

  'seals.title': { en: 'Seals and signatures', 'zh-CN': '印章与签名' },
  'seals.subtitle': {
    en: 'Company seals and personal signatures that can be stamped when signing. Disabled ones are kept with their history.',
    'zh-CN': '签署时可加盖的公司印章和个人签名。停用的印章会连同其记录一并保留。',
  },
  'seals.loadError': { en: 'The seal library could not be loaded.', 'zh-CN': '无法加载印章库。' },
  'seals.companySeals': { en: 'Company seals', 'zh-CN': '公司印章' },
  'seals.signatures': { en: 'Personal signatures', 'zh-CN': '个人签名' },
  'seals.noSeals': {
    en: 'No company seals yet. Generate one from the organisation profile, or import a scan.',
    'zh-CN': '尚无公司印章。可根据单位信息生成，或导入扫描件。',
  },
  'seals.noSignatures': { en: 'No signatures yet. Draw one or type a name.', 'zh-CN': '尚无签名。可手写绘制，或输入姓名生成。' },
  'seals.showDisabled': { en: 'Show disabled', 'zh-CN': '显示已停用' },
  'seals.disable': { en: 'Disable', 'zh-CN': '停用' },
  'seals.confirmDisable': { en: 'Disable “{name}”', 'zh-CN': '确认停用“{name}”' },
  'seals.disabledOn': { en: 'Disabled {date}', 'zh-CN': '已于 {date} 停用' },
  'seals.disabledDone': { en: '“{name}” is disabled. It stays in the library with its history.', 'zh-CN': '“{name}”已停用，仍保留在印章库中，记录不变。' },
  'seals.createdDone': { en: '“{name}” was added.', 'zh-CN': '已添加“{name}”。' },
  'seals.size': { en: '{width} × {height} mm', 'zh-CN': '{width} × {height} 毫米' },
  'seals.origin.generated': { en: 'Generated', 'zh-CN': '系统生成' },
  'seals.origin.imported': { en: 'Imported', 'zh-CN': '导入' },
  'seals.origin.drawn': { en: 'Drawn', 'zh-CN': '手写' },
  'seals.origin.typed': { en: 'Typed', 'zh-CN': '键入' },
  'seals.previewOf': { en: 'Preview of {name}', 'zh-CN': '{name}预览' },

  'seals.generate.title': { en: 'Generate a company seal', 'zh-CN': '生成公司印章' },
  'seals.generate.type': { en: 'Kind of seal', 'zh-CN': '印章类型' },
  'seals.generate.action': { en: 'Generate seal', 'zh-CN': '生成印章' },
  'seals.generate.needsProfile': {
    en: 'Enter the organisation’s legal name in Settings first: it is cut into the seal.',
    'zh-CN': '请先在“设置”中填写单位法定名称，它将刻入印章。',
  },
  'seals.generate.openSettings': { en: 'Open Settings', 'zh-CN': '前往设置' },
  'seals.generate.previewLabel': { en: 'Preview of the {type} of {name}', 'zh-CN': '{name}{type}预览' },

  'seals.import.title': { en: 'Import a seal image', 'zh-CN': '导入印章图片' },
  'seals.import.hint': {
    en: 'PNG or SVG, up to 4 MB. A white background becomes transparent; SVG files with scripts or links are refused.',
    'zh-CN': 'PNG 或 SVG，不超过 4 MB。白色背景将变为透明；含脚本或外部链接的 SVG 文件会被拒绝。',
  },
  'seals.import.name': { en: 'Name', 'zh-CN': '名称' },
  'seals.import.choose': { en: 'Choose PNG or SVG…', 'zh-CN': '选择 PNG 或 SVG…' },
  'seals.import.asSignature': { en: 'This is a personal signature', 'zh-CN': '这是个人签名' },

  'seals.draw.title': { en: 'Draw a signature', 'zh-CN': '手写签名' },
  'seals.draw.pad': {
    en: 'Signature pad: draw with a mouse, pen or finger. Pen pressure is used where the device reports it.',
    'zh-CN': '签名板：用鼠标、手写笔或手指书写。设备支持时会记录笔压。',
  },
  'seals.draw.clear': { en: 'Clear', 'zh-CN': '清除' },
  'seals.draw.empty': { en: 'Draw the signature in the box first.', 'zh-CN': '请先在框内书写签名。' },
  'seals.draw.save': { en: 'Save drawn signature', 'zh-CN': '保存手写签名' },
  'seals.signatureName': { en: 'Name of the signature', 'zh-CN': '签名名称' },

  'seals.type.title': { en: 'Type a signature', 'zh-CN': '键入签名' },
  'seals.type.text': { en: 'Name to write', 'zh-CN': '签名文字' },
  'seals.type.hint': {
    en: 'Written in a handwriting-style face: Kai (楷体) for Chinese, a script face for Latin letters.',
    'zh-CN': '以手写风格字体书写：中文为楷体，英文为手写体。',
  },
  'seals.type.save': { en: 'Save typed signature', 'zh-CN': '保存键入签名' },
});
