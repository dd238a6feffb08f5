// Evaluated by test_browser.py in each page after check_page.js, with axe-core already loaded.
// Resolves to {problems: [...], theme: [...], stats: {...}}: `problems` are WCAG 2.1 A/AA
// violations in the book's own content (the article), focusable formulas and unnamed
// toggles; `theme` lists what axe finds in the theme's header and sidebars (reported, not
// failed: it is not the book's to fix, and the small local overrides are in tools/site/).
(async () => {
  const problems = [];
  const theme = [];
  const short = (s) => (s || "").replace(/\s+/g, " ").trim().slice(0, 140);
  const inContent = (target) => {
    const el = document.querySelector(target[target.length - 1]);
    return !!(el && el.closest("article, .bd-article, main#main-content .bd-content"));
  };
  const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
  // Let the page settle: tools/site/a11y.js re-applies its fixes 50 ms after DOM changes
  // (widgets, the theme's late scripts); a reader meets the settled page.
  await new Promise((r) => setTimeout(r, 250));
  const report = (results, mode) => {
    for (const v of results.violations) {
      for (const node of v.nodes) {
        const line = `${v.id} (${v.impact}${mode}): ${short(node.html)} [${node.target.join(" ")}]`;
        (inContent(node.target) ? problems : theme).push(line);
      }
    }
  };
  report(await axe.run(document, { runOnly: { type: "tag", values: TAGS } }), "");

  // Colour contrast again in dark mode (the theme switches by this attribute).
  const html = document.documentElement;
  const before = html.dataset.theme;
  const still = document.createElement("style"); // no colour transitions: measure the end state
  still.textContent = "*, *::before, *::after { transition: none !important; }";
  document.head.appendChild(still);
  html.dataset.theme = "dark";
  await new Promise((r) => setTimeout(r, 50));
  report(await axe.run(document, { runOnly: { type: "rule", values: ["color-contrast"] } }), ", dark");
  if (before === undefined) delete html.dataset.theme; else html.dataset.theme = before;
  still.remove();

  // Formulas are not Tab stops, and keep their assistive MathML.
  const math = document.querySelectorAll("mjx-container");
  // (a display formula wider than the column scrolls: that one must be focusable)
  const focusable = Array.from(
    document.querySelectorAll('mjx-container[tabindex]:not([tabindex="-1"])')
  ).filter((m) => !(m.getAttribute("display") === "true" && m.scrollWidth > m.clientWidth + 1));
  if (focusable.length) problems.push(`${focusable.length} formulas are Tab stops (inTabOrder)`);
  const assistive = document.querySelectorAll("mjx-container mjx-assistive-mml").length;
  if (math.length && assistive < math.length)
    problems.push(`${math.length - assistive} of ${math.length} formulas lack assistive MathML`);

  // Toggles (solutions, collapsed cells) are named after what they show.
  const toggles = document.querySelectorAll("button.toggle-button, summary");
  toggles.forEach((t) => {
    const name = t.getAttribute("aria-label") || t.textContent;
    if (/toggle hidden content/i.test(name)) problems.push("toggle without a name: " + short(t.outerHTML));
    const box = t.closest(".solution");
    if (box && t.tagName === "BUTTON" && !/^(Show|Hide) the solution to Exercise/.test(name))
      problems.push("solution toggle not named after its exercise: " + short(name));
    const ctl = t.getAttribute("aria-controls");
    if (t.tagName === "BUTTON" && (!ctl || !document.getElementById(ctl)))
      problems.push("toggle without aria-controls: " + short(name));
  });
  // Visible keyboard focus (WCAG 2.4.7) on the page's own buttons and links in the article
  // header (sidebar toggle, launch, repository, download): focused, each shows an outline.
  const header = Array.from(
    document.querySelectorAll(".bd-header-article button, .bd-header-article a[href]")
  ).filter((el) => el.offsetParent !== null && el.tabIndex >= 0);
  for (const el of header) {
    el.focus();
    const cs = getComputedStyle(el);
    const shown = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
    if (document.activeElement === el && !shown)
      problems.push("no visible focus indicator: " + short(el.outerHTML));
  }
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();

  // Sliders announce what they display; their editable readouts are named.
  document.querySelectorAll('[role="slider"]').forEach((h) => {
    const w = h.closest(".widget-slider, .widget-hslider, .jupyter-widget-slider");
    const readout = w && w.querySelector(".widget-readout");
    if (!h.getAttribute("aria-label")) problems.push("slider without a name");
    const shown = readout && (readout.value || readout.textContent.trim());
    if (shown && h.getAttribute("aria-valuetext") !== shown)
      problems.push(`slider ${h.getAttribute("aria-label")} announces ` +
                    `${h.getAttribute("aria-valuetext")} but shows ${shown}`);
    if (readout && !readout.getAttribute("aria-label")) problems.push("slider readout without a name");
  });

  // Hidden content counts too: open every toggle, then check again what it revealed.
  document.querySelectorAll("button.toggle-button.toggle-button-hidden").forEach((b) => b.click());
  document.querySelectorAll("details:not([open])").forEach((d) => { d.open = true; });
  await new Promise((r) => setTimeout(r, 300));
  const opened = await axe.run(document.querySelector("article, .bd-article") || document,
                               { runOnly: { type: "tag", values: TAGS } });
  for (const v of opened.violations)
    for (const node of v.nodes)
      problems.push(`${v.id} (${v.impact}, toggles open): ${short(node.html)} [${node.target.join(" ")}]`);
  return {
    problems,
    theme,
    stats: { formulas: math.length, toggles: toggles.length, focusChecked: header.length },
  };
})()
