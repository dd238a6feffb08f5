// Accessibility fixes for the book's pages, loaded on every page (html_js_files in _config.yml).
// Each fix gives an element the accessible name or text alternative that a screen reader needs
// and that the page's own HTML (Sphinx, the theme, sphinx-togglebutton, ipywidgets) lacks.
// site_tests/ run axe-core on every page and fail on what remains in the book's content.
(function () {
  "use strict";
  var text = function (el) {
    return (el ? el.textContent : "").replace(/\s+/g, " ").trim();
  };

  // 1. Solution toggles (sphinx-togglebutton): named after their exercise, pointing at what
  //    they show. "Toggle hidden content" on every button tells a screen reader nothing.
  function nameToggles() {
    document.querySelectorAll(".dropdown, .toggle, details").forEach(function (box, k) {
      var button = box.querySelector(":scope > .admonition-title .toggle-button, :scope > summary");
      if (!button || button.dataset.a11yNamed) return;
      var title = box.querySelector(":scope > .admonition-title, :scope > summary .admonition-title");
      var what = text(title) || "hidden content";
      var content = box.querySelector(":scope > :not(.admonition-title):not(summary)");
      if (content) {
        if (!content.id || document.querySelectorAll("#" + CSS.escape(content.id)).length > 1)
          content.id = "toggled-" + k;
        button.setAttribute("aria-controls", content.id);
      }
      var isSolution = /^Solution to/i.test(what);
      var label = function () {
        var open = box.tagName === "DETAILS" ? box.open : !box.classList.contains("toggle-hidden");
        var verb = open ? "Hide" : "Show";
        return isSolution ? verb + " the s" + what.slice(1) : verb + ": " + what;
      };
      // A <summary> is named by its visible text: keep that (WCAG 2.5.3), drop the generic label.
      if (button.tagName === "SUMMARY") button.removeAttribute("aria-label");
      else button.setAttribute("aria-label", label());
      button.dataset.a11yNamed = "1";
      button.addEventListener("click", function () {
        setTimeout(function () {
          if (button.tagName !== "SUMMARY") button.setAttribute("aria-label", label());
        }, 0);
      });
    });
  }

  // 2. Theme buttons whose aria-label differs from their visible text (WCAG 2.5.3): the
  //    visible text ("Search Ctrl + K") must be part of the name.
  function matchVisibleLabels() {
    document.querySelectorAll("button[aria-label].search-button-field").forEach(function (b) {
      b.removeAttribute("aria-label");
    });
    // The colour-mode button shows only icons, whose titles ("Light", "Dark", "System
    // Settings", two of them hidden) count as its text: drop those titles and hide the icons
    // from assistive technology, keeping the theme's name "Color mode".
    document.querySelectorAll("button.theme-switch-button i[title]").forEach(function (i) {
      i.dataset.title = i.getAttribute("title");
      i.removeAttribute("title"); // the button's own tooltip says "Color mode"
      i.setAttribute("aria-hidden", "true");
    });
  }

  function syncValueText(handle, readout) {
    if (!readout) return;
    var value = readout.value !== undefined && readout.value !== "" ? readout.value : text(readout);
    if (value && handle.getAttribute("aria-valuetext") !== value)
      handle.setAttribute("aria-valuetext", value);
  }

  // 3. Widgets (the live explorers, stored as a frozen state): every slider named after its
  //    visible label, announcing the value it displays; the frozen plot described.
  function fixWidgets(root) {
    root.querySelectorAll(".widget-slider, .widget-hslider, .jupyter-widget-slider").forEach(function (w) {
      var label = text(w.querySelector(".widget-label, label"));
      var readout = w.querySelector(".widget-readout");
      // the editable readout is a Tab stop of its own: name it too
      if (readout && label) readout.setAttribute("aria-label", label + " (value, editable)");
      w.querySelectorAll('[role="slider"]').forEach(function (handle) {
        if (label && handle.getAttribute("aria-label") !== label) handle.setAttribute("aria-label", label);
        syncValueText(handle, readout);
        if (!handle.dataset.a11yWatched && readout) {
          // The slider library rewrites aria-valuetext on every move (a log slider: its
          // exponent); put the displayed value back at once, not on the next debounced pass.
          handle.dataset.a11yWatched = "1";
          var fix = function () { syncValueText(handle, readout); };
          new MutationObserver(fix).observe(handle, {
            attributes: true, attributeFilter: ["aria-valuetext", "aria-valuenow"],
          });
          new MutationObserver(fix).observe(readout, {
            childList: true, characterData: true, subtree: true,
          });
        }
      });
    });
    root.querySelectorAll(".widget-output img:not([alt]), .jp-RenderedImage img:not([alt])").forEach(
      function (img) {
        img.setAttribute(
          "alt",
          "Plot of this explorer at its stored settings; the sliders move it only in a live " +
            "session. The static figure next to it shows the same curves."
        );
      }
    );
  }

  // 4. Formulas are out of the Tab order (mathjax3_config), except a display formula wider
  //    than the column: it scrolls, and a keyboard user must be able to scroll it (WCAG 2.1.1).
  //    The same for code and output blocks that scroll; re-checked when a toggle opens.
  function scrollables() {
    var article = document.querySelector("article, .bd-article") || document.body;
    article.querySelectorAll('mjx-container[display="true"], pre').forEach(function (m) {
      var scrolls = m.scrollWidth > m.clientWidth + 1;
      var tab = m.getAttribute("tabindex");
      if (scrolls && (tab === null || tab === "-1") && !m.dataset.a11yScroll) {
        m.dataset.a11yScroll = tab === null ? "none" : tab; // to restore
        m.setAttribute("tabindex", "0");
      } else if (!scrolls && m.dataset.a11yScroll) {
        if (m.dataset.a11yScroll === "none") m.removeAttribute("tabindex");
        else m.setAttribute("tabindex", m.dataset.a11yScroll);
        delete m.dataset.a11yScroll;
      }
    });
  }

  // 5. The bibliography (sphinxcontrib-bibtex) gives its entries the deprecated role
  //    doc-biblioentry inside a role="list": make them list items.
  function bibliography() {
    document.querySelectorAll('[role="list"] > [role="doc-biblioentry"]').forEach(function (e) {
      e.setAttribute("role", "listitem");
    });
  }

  var mathReady = false;
  function run() {
    nameToggles();
    matchVisibleLabels();
    fixWidgets(document);
    bibliography();
    if (mathReady) scrollables();
  }
  // Widgets render after `load`, toggles after DOMContentLoaded: run then, and on changes.
  window.addEventListener("load", function () {
    run();
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
      MathJax.startup.promise.then(function () {
        mathReady = true;
        scrollables();
      });
      window.addEventListener("resize", scrollables);
    }
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      setTimeout(function () {
        pending = false;
        run();
      }, 50);
    }).observe(document.body, {
      childList: true, subtree: true, characterData: true,
      attributes: true, attributeFilter: ["class", "open"], // a toggle opened: new scrollables
    });
  });
  document.addEventListener("DOMContentLoaded", run);
  // The theme's buttons are in the page's HTML: fix their names as soon as they are parsed.
  document.addEventListener("readystatechange", function () {
    if (document.readyState !== "loading") matchVisibleLabels();
  });
})();
