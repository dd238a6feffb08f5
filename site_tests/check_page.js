// Evaluated by test_browser.py in each page of the built book, after the page's `load` event.
// Resolves to {problems: [...], stats: {...}}; __TIMEOUT_MS__ is replaced by the page timeout.
(async () => {
  const TIMEOUT = __TIMEOUT_MS__;
  const deadline = Date.now() + TIMEOUT;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const problems = [];
  const short = (s) => (s || "").replace(/\s+/g, " ").trim().slice(0, 120);

  // --- math: wait for MathJax's first typeset, then inspect ---------------------------
  // (This runs after `load`, so the deferred MathJax script has run or failed by now.)
  const mathEls = Array.from(document.querySelectorAll(".math"));
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    try { await MathJax.startup.promise; } catch (e) { problems.push("MathJax failed: " + e); }
  } else if (mathEls.length) {
    problems.push("MathJax did not load; " + mathEls.length + " math elements unrendered");
  }
  const unrendered = mathEls.filter((el) => !el.querySelector("mjx-container"));
  unrendered.slice(0, 5).forEach((el) =>
    problems.push("unrendered math: " + short(el.textContent)));
  if (unrendered.length > 5) problems.push("... " + unrendered.length + " unrendered in all");
  document.querySelectorAll("mjx-merror").forEach((el) =>
    problems.push("MathJax error: " + short(el.getAttribute("data-mjx-error") || el.textContent)));

  // Raw TeX in the visible text (code, scripts and rendered math excluded).
  const SKIP = "pre, code, script, style, textarea, mjx-container, .highlight, .MathJax, "
             + "noscript, .headerlink, template";
  const RAW = /\\\(|\\\)|\\\[|\\\]|\$\$|\\begin\{|(^|[^\\\w$])\$[^\s$][^$\n]{0,200}?[\\^_{}][^$\n]{0,200}?\$/;
  const main = document.querySelector("main, article, .bd-article") || document.body;
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  let raw = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest(SKIP)) continue;
    if (RAW.test(n.nodeValue)) {
      if (raw++ < 5) problems.push("raw TeX in text: " + short(n.nodeValue));
    }
  }
  // A "$" glued to rendered math: an unbalanced $...$ or $$ inside a paragraph.
  document.querySelectorAll("mjx-container").forEach((c) => {
    const host = c.closest(".math") || c;
    const before = host.previousSibling, after = host.nextSibling;
    const endsWithDollar = before && before.nodeType === 3 && /\$\s*$/.test(before.nodeValue);
    const startsWithDollar = after && after.nodeType === 3 && /^\s*\$/.test(after.nodeValue);
    if (endsWithDollar || startsWithDollar)
      problems.push("stray $ next to math: " + short((before ? before.textContent : "") + " [math] "
                    + (after ? after.textContent : "")));
  });

  // --- images: every <img> must load ---------------------------------------------------
  const imgs = Array.from(document.images);
  imgs.forEach((img) => { img.loading = "eager"; });
  await Promise.all(imgs.map((img) => img.complete ? null : new Promise((r) => {
    img.addEventListener("load", r); img.addEventListener("error", r);
    setTimeout(r, Math.max(0, deadline - Date.now()));
  })));
  imgs.filter((img) => !img.complete || img.naturalWidth === 0).forEach((img) =>
    problems.push("broken image: " + (img.getAttribute("src") || "(no src)")));

  // --- widgets -------------------------------------------------------------------------
  const stateTag = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
  const views = Array.from(document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'));
  let widgetsRendered = 0;
  if (views.length && !stateTag) problems.push(views.length + " widget views but no widget state");
  if (stateTag) {
    const state = JSON.parse(stateTag.textContent).state || {};
    const rendered = (v) => {
      const sub = v.previousElementSibling;
      return sub && sub.classList.contains("widget-subarea") && sub.querySelector(".jupyter-widgets, .lm-Widget");
    };
    const viewId = (v) => JSON.parse(v.textContent).model_id;
    while (views.some((v) => state[viewId(v)] && !rendered(v)) && Date.now() < deadline)
      await sleep(50);
    // Output widgets (e.g. `interact`) whose stored state has outputs must show them.
    const reachable = (id, seen) => {
      if (seen.has(id) || !state[id]) return seen;
      seen.add(id);
      JSON.stringify(state[id].state || {}).replace(/IPY_MODEL_([0-9a-f]+)/g, (m, sub) => {
        reachable(sub, seen); return m; });
      return seen;
    };
    for (const v of views) {
      const id = viewId(v);
      if (!state[id]) { problems.push("widget view " + id + " has no stored state"); continue; }
      if (!rendered(v)) { problems.push("widget " + state[id].model_name + " " + id + " not rendered"); continue; }
      const sub = v.previousElementSibling;
      const withOutputs = Array.from(reachable(id, new Set())).filter((m) =>
        state[m].model_name === "OutputModel" && (state[m].state.outputs || []).length);
      if (withOutputs.length) {
        let outs = Array.from(sub.querySelectorAll(".widget-output"));
        while (outs.filter((o) => o.textContent.trim() || o.querySelector("img, svg, mjx-container")).length
               < withOutputs.length && Date.now() < deadline) {
          await sleep(50); outs = Array.from(sub.querySelectorAll(".widget-output"));
        }
        const full = outs.filter((o) => o.textContent.trim() || o.querySelector("img, svg, mjx-container"));
        if (full.length < withOutputs.length)
          problems.push("widget " + id + ": " + withOutputs.length + " output area(s) with stored outputs, "
                        + full.length + " shown");
      }
      if (sub.textContent.trim() === "" && !sub.querySelector("input, img, svg, canvas, button, select"))
        problems.push("widget " + state[id].model_name + " " + id + " rendered empty");
      widgetsRendered++;
    }
  }
  return {
    problems,
    stats: {
      math: document.querySelectorAll("mjx-container").length,
      mathElements: mathEls.length,
      images: imgs.length,
      widgets: widgetsRendered,
      mathjax: !!(window.MathJax && MathJax.version),
    },
  };
})()
