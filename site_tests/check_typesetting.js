// Evaluated by test_browser.py in each page after check_page.js (MathJax has typeset by then).
// Finds typesetting that MathJax or the browser "renders" without complaint but a reader sees
// as garbage. Resolves to {problems: [...], stats: {...}}.
//
// * Visible text outside math and code: no MyST role ({glue:text}`x`, {ref}…), no LaTeX
//   command (\alpha), no `$` delimiter, no raw sub/superscript (x_i, e^{-x}, T_c), no `??`
//   (an unresolved reference).
// * Math (the TeX MathJax typeset): no MyST role, no `$`, no run of prose words outside
//   \text{} (the sign of a `$` that opened or closed in the wrong place).
// * Tables: every body row has as many cells (colspans counted) as the header row.
// * Printed output: no visible output block wider than its box (reading.js fits it).
(async () => {
  const problems = [];
  const short = (s) => (s || "").replace(/\s+/g, " ").trim().slice(0, 140);
  const main = document.querySelector(".bd-article, main article, main") || document.body;

  // --- text outside math and code --------------------------------------------------------
  const SKIP = "pre, code, kbd, samp, script, style, textarea, mjx-container, .math, .MathJax, "
             + "noscript, .headerlink, template, .highlight, .output.stream, .output.text_plain, "
             + ".output.traceback, .output.text_html, .widget-subarea, .jupyter-widgets, svg, .sr-only, .visually-hidden";
  const RULES = [
    ["MyST role", /\{[a-z][\w-]*(?::[\w-]+)?\}`|\{(?:glue|ref|numref|eq|doc|term|cite)[^}]*\}/],
    ["LaTeX command", /\\[A-Za-z]{2,}|\\[{}_^,;!]/],
    ["$ delimiter", /\$/],
    ["raw sub/superscript", /(?:^|[^\w./:-])[A-Za-z\u0370-\u03ff]{1,3}[_^](?:\{|[A-Za-z0-9\u0370-\u03ff+-])/],
    ["unresolved reference ??", /\?\?/],
  ];
  // Text nodes of one block are joined, so a pattern split by inline markup is still seen.
  const blocks = new Map();
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest(SKIP)) continue;
    const block = p.closest("p, li, td, th, dt, dd, h1, h2, h3, h4, h5, h6, figcaption, caption, "
                            + "summary, .admonition-title, div") || main;
    blocks.set(block, (blocks.get(block) || "") + n.nodeValue);
  }
  const seen = new Set();
  for (const text of blocks.values()) {
    for (const [what, re] of RULES) {
      const m = re.exec(text);
      if (!m) continue;
      const at = Math.max(0, m.index - 50);
      const msg = what + ": \u2026" + short(text.slice(at, m.index + 70)) + "\u2026";
      if (!seen.has(msg)) { seen.add(msg); problems.push(msg); }
    }
  }

  // --- the TeX of every typeset formula -------------------------------------------------
  let formulas = 0;
  const doc = window.MathJax && MathJax.startup && MathJax.startup.document;
  if (doc && doc.math) {
    for (const item of doc.math) {
      const root = item.typesetRoot;
      if (!root || !main.contains(root)) continue;
      formulas++;
      const tex = item.math || "";
      const bare = tex
        .replace(/\\(?:text|mathrm|textrm|textit|textbf|operatorname|mbox|mathit|mathsf|mathtt)\s*\{[^{}]*\}/g, " ")
        .replace(/\\[A-Za-z]+/g, " ");
      const prose = /(?:\b[A-Za-z]{3,}\b[ ,.;]+){3,}\b[A-Za-z]{3,}\b/.exec(bare);
      let why = null;
      if (/\{(?:glue|ref|numref|eq|doc|term|cite)[^}]*\}|`/.test(tex)) why = "MyST role inside math";
      else if (/(^|[^\\])\$/.test(tex)) why = "$ inside math";
      else if (prose) why = "prose inside math (\u201c" + prose[0].trim() + "\u201d)";
      if (why) problems.push(why + ": " + short(tex));
    }
  }

  // --- tables ------------------------------------------------------------------------------
  const width = (row) => Array.from(row.cells).reduce((s, c) => s + (c.colSpan || 1), 0);
  main.querySelectorAll("table").forEach((table) => {
    if (table.closest(".output, .cell_output, .widget-subarea")) return;  // dataframes etc.
    const rows = Array.from(table.rows);
    if (!rows.length) return;
    const head = table.tHead && table.tHead.rows.length ? table.tHead.rows[0] : rows[0];
    const n = width(head);
    rows.forEach((row) => {
      if (row.closest("thead") && row !== head) return;
      if (width(row) !== n)
        problems.push("table row with " + width(row) + " cells under a " + n + "-column header: "
                      + short(row.textContent));
    });
  });

  // --- printed output --------------------------------------------------------------------
  let outputs = 0;
  main.querySelectorAll(".cell_output .output pre").forEach((pre) => {
    if (!pre.clientWidth) return;  // inside a closed toggle
    outputs++;
    if (pre.scrollWidth > pre.clientWidth + 1)
      problems.push("printed output wider than the column (" + pre.scrollWidth + " > "
                    + pre.clientWidth + " px): " + short(pre.textContent));
  });

  return {problems, stats: {formulas, textBlocks: blocks.size, outputs}};
})()
