// What a reader sees (tools/site/reading.css has the rules this script switches on).
//
// Printed output wider than the column: a smaller font, down to 11 px, so that a table keeps
// its columns; output too wide even then wraps at full size instead (class "wrap"). Outputs inside a
// closed toggle are fitted when they are opened; everything again after a resize.
//
// A glued number right after an inline formula that ends in "=" gets a thin space
// (class "after-math"): MathJax trims the space at the end of "$x = $".
(() => {
  const MIN_PX = 11;
  const fit = (pre) => {
    if (!pre.clientWidth) return;  // hidden (closed toggle): fitted when shown
    pre.style.fontSize = "";
    pre.classList.remove("wrap");
    if (pre.scrollWidth <= pre.clientWidth + 1) return;
    let size = parseFloat(getComputedStyle(pre).fontSize);
    size = Math.max(MIN_PX, Math.floor(size * pre.clientWidth / pre.scrollWidth * 2) / 2);
    pre.style.fontSize = size + "px";
    while (pre.scrollWidth > pre.clientWidth + 1 && size > MIN_PX) {
      size = Math.max(MIN_PX, size - 0.5);
      pre.style.fontSize = size + "px";
    }
    if (pre.scrollWidth > pre.clientWidth + 1) {  // too wide even at 11 px: wrap at full size
      pre.style.fontSize = "";
      pre.classList.add("wrap");
    }
  };
  const fitAll = () => document.querySelectorAll(".cell_output .output pre").forEach(fit);
  const spaceGlue = () => document.querySelectorAll("span.pasted-text").forEach((el) => {
    const prev = el.previousSibling;
    if (prev && prev.nodeType === 1 && prev.classList.contains("math")) el.classList.add("after-math");
  });
  const start = () => {
    spaceGlue();
    fitAll();
    let timer = null;
    window.addEventListener("resize", () => { clearTimeout(timer); timer = setTimeout(fitAll, 100); });
    // sphinx-togglebutton and <details>: fit what a toggle reveals.
    document.addEventListener("toggle", () => setTimeout(fitAll, 0), true);
    document.addEventListener("click", (ev) => {
      if (ev.target.closest && ev.target.closest(".toggle-button, summary")) setTimeout(fitAll, 50);
    }, true);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
