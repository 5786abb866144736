/**
 * The public verification page: a plain page with no framework. A PDF dropped here is hashed in the
 * browser — it never leaves the reader's machine; only its SHA-256 and the receipt are sent to
 * `POST /v1/verify`, which runs the desktop's own offline verifier. An evidence number is looked up
 * with `GET /v1/evidence/{number}` and its proof checked the same way.
 */
export const VERIFY_PAGE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>存证核验 · Evidence verification — Inkstone</title>
<style>
  body { font: 15px/1.55 system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
  main { max-width: 860px; margin: 0 auto; padding: 28px 20px 60px; }
  h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 10px; }
  p.sub { color: #5a6272; margin: 0 0 22px; }
  .card { background: #fff; border: 1px solid #dde1e8; border-radius: 10px; padding: 18px 20px; }
  .drop { border: 2px dashed #b8c0cc; border-radius: 8px; padding: 16px; margin: 8px 0; text-align: center; cursor: pointer; color: #5a6272; }
  .drop.filled { border-color: #2f7d4f; color: #1d2330; background: #f2faf5; }
  .drop.over { background: #eef3ff; }
  button { font: inherit; padding: 8px 18px; border-radius: 6px; border: 0; background: #1f4fbf; color: #fff; cursor: pointer; }
  button:disabled { background: #9aa6bd; cursor: default; }
  input[type=text] { font: inherit; padding: 7px 10px; width: 260px; border: 1px solid #b8c0cc; border-radius: 6px; }
  table { border-collapse: collapse; width: 100%; margin-top: 12px; } td { padding: 5px 8px; border-top: 1px solid #eceef2; vertical-align: top; }
  td.k { color: #5a6272; width: 34%; } .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; word-break: break-all; }
  .ok { color: #2f7d4f; font-weight: 600; } .bad { color: #b3261e; font-weight: 600; }
  .verdict { font-size: 18px; margin-top: 14px; }
</style>
</head>
<body>
<main>
  <h1>存证核验 <span style="color:#5a6272;font-weight:400">Evidence verification</span></h1>
  <p class="sub">文件只在您的浏览器中计算哈希，不会上传。 The PDF is hashed in your browser and never uploaded.</p>
  <div class="card">
    <h2 style="margin-top:0">① 文件与存证回执 · Document and receipt</h2>
    <div class="drop" id="pdfDrop"><span>拖入或点击选择 PDF 文件 · Drop or choose the PDF</span></div>
    <input type="file" id="pdfInput" accept="application/pdf,.pdf" hidden>
    <div class="drop" id="receiptDrop"><span>拖入或点击选择存证回执（JSON） · Drop or choose the receipt (JSON)</span></div>
    <input type="file" id="receiptInput" accept="application/json,.json" hidden>
    <button id="verifyBtn" disabled>核验 · Verify</button>
    <h2>② 或输入存证编号 · Or type an evidence number</h2>
    <input type="text" id="numberInput" placeholder="K7Q2M9XA-1234-W" autocomplete="off"> <button id="lookupBtn">查询 · Look up</button>
    <div id="result"></div>
  </div>
</main>
<script src="/verify.js"></script>
</body>
</html>
`;

export const VERIFY_PAGE_SCRIPT = `'use strict';
(function () {
  var pdfHash = null, receipt = null;
  var LABELS = {
    format: '回执格式 · Receipt format', document: '文件与回执一致 · Document matches', commitment: '承诺值 · Commitment',
    leaf: '叶哈希 · Leaf hash', 'evidence-number': '存证编号 · Evidence number', 'checkpoint-signature': '检查点签名 · Checkpoint signature',
    inclusion: '包含性证明 · Inclusion proof', timestamp: '可信时间戳 · Trusted timestamp', 'log-key': '日志密钥 · Log key', 'tsa-root': '时间戳根证书 · TSA root'
  };
  function $(id) { return document.getElementById(id); }
  function hex(buf) { return Array.prototype.map.call(new Uint8Array(buf), function (b) { return ('0' + b.toString(16)).slice(-2); }).join(''); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function sha256(bytes) {
    if (window.crypto && crypto.subtle) return crypto.subtle.digest('SHA-256', bytes).then(hex);
    return Promise.reject(new Error('此页面需通过 HTTPS 打开才能计算文件哈希 · Open this page over HTTPS to hash files'));
  }
  function wire(dropId, inputId, onFile) {
    var drop = $(dropId), input = $(inputId);
    drop.addEventListener('click', function () { input.click(); });
    input.addEventListener('change', function () { if (input.files[0]) onFile(input.files[0], drop); input.value = ''; });
    drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
    drop.addEventListener('drop', function (e) { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files[0]) onFile(e.dataTransfer.files[0], drop); });
  }
  function ready() { $('verifyBtn').disabled = !(pdfHash && receipt); }
  wire('pdfDrop', 'pdfInput', function (file, drop) {
    file.arrayBuffer().then(sha256).then(function (h) { pdfHash = h; drop.firstChild.textContent = file.name + ' — SHA-256 ' + h; drop.classList.add('filled'); ready(); })
      .catch(function (e) { show({ error: { message: e.message } }); });
  });
  wire('receiptDrop', 'receiptInput', function (file, drop) {
    file.text().then(function (t) { receipt = JSON.parse(t); drop.firstChild.textContent = file.name + ' — ' + (receipt.evidenceNumber || ''); drop.classList.add('filled'); ready(); })
      .catch(function () { show({ error: { message: '无法读取回执 · The receipt is not valid JSON' } }); });
  });
  function post(body) {
    return fetch('/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (r) { return r.json(); });
  }
  function show(res, note) {
    var out = $('result');
    if (res.error) { out.innerHTML = '<p class="verdict bad">' + esc(res.error.message) + '</p>'; return; }
    var rows = res.checks.map(function (c) {
      return '<tr><td class="k">' + esc(LABELS[c.check] || c.check) + '</td><td class="' + (c.ok ? 'ok">✓ 通过 · passed' : 'bad">✗ ' + esc(c.message || c.code)) + '</td></tr>';
    }).join('');
    var f = res.facts || {}, ts = f.timestamp || {};
    var facts = [
      ['存证编号 · Evidence number', f.evidenceNumber], ['文件 SHA-256 · Document SHA-256', f.documentHash],
      ['存证时间（不晚于） · Existed no later than', ts.genTime], ['时间戳机构 · TSA', ts.tsaSubject],
      ['日志 · Log', f.logOrigin], ['日志规模 · Tree size', f.treeSize], ['根哈希 · Root hash', f.checkpointRoot]
    ].filter(function (r) { return r[1] !== undefined && r[1] !== null && r[1] !== ''; })
      .map(function (r) { return '<tr><td class="k">' + esc(r[0]) + '</td><td class="mono">' + esc(r[1]) + '</td></tr>'; }).join('');
    out.innerHTML = '<p class="verdict ' + (res.ok ? 'ok">✓ 核验通过 · Verified' : 'bad">✗ 核验未通过 · Not verified') + '</p>' +
      (note ? '<p>' + esc(note) + '</p>' : '') + '<table>' + rows + facts + '</table>';
  }
  $('verifyBtn').addEventListener('click', function () {
    post({ receipt: receipt, documentSha256: pdfHash }).then(function (r) { show(r); }).catch(function (e) { show({ error: { message: e.message } }); });
  });
  $('lookupBtn').addEventListener('click', function () {
    var n = $('numberInput').value.trim();
    fetch('/v1/evidence/' + encodeURIComponent(n)).then(function (r) { return r.json(); }).then(function (r) {
      if (r.error) return show(r);
      return post({ receipt: r }).then(function (v) {
        show(v, '该编号对应的记录已载入日志；要证明是哪一份文件，需要回执中的盐值与文件。 The entry is in the log; proving which document it is needs the receipt and the file.');
      });
    }).catch(function (e) { show({ error: { message: e.message } }); });
  });
})();
`;
