// Loaded on pages with Jupyter widgets, before require.js and embed-amd.js (see nb_ipywidgets_js
// in _config.yml; tools/web_assets.py copies this file next to embed-amd.js).
(function () {
  "use strict";
  var here = new URL(".", document.currentScript.src).href; // .../_static/offline/jupyter-widgets/
  var dir = here.replace(/\/$/, "");

  // 1. The widget manager resolves its icon fonts against the URL of its AMD modules, which by
  //    default is the page's own folder. Point the module names (RequireJS reads a global
  //    `require` object as its configuration) and the asset path at this folder.
  window.__jupyter_widgets_assets_path__ = here;
  window.require = {
    paths: { "@jupyter-widgets/html-manager/dist": dir, "@jupyter-widgets": dir },
  };

  // 2. ipywidgets typesets labels with the MathJax 2 call MathJax.Hub.Queue(["Typeset", Hub, el]);
  //    the book loads MathJax 3 (TypeError "reading 'Queue'" otherwise). Map it to MathJax 3.
  //    Widgets render on `load`, after the deferred MathJax script and after this handler.
  window.addEventListener("load", function () {
    var MJ = window.MathJax;
    if (!MJ || MJ.Hub || typeof MJ.typesetPromise !== "function") return;
    MJ.Hub = {
      Queue: function () {
        Array.prototype.forEach.call(arguments, function (job) {
          if (Array.isArray(job) && job[0] === "Typeset") {
            var el = job[2];
            MJ.startup.promise
              .then(function () {
                return MJ.typesetPromise(el ? [el] : undefined);
              })
              .catch(function (err) {
                console.error("MathJax typeset of a widget label failed:", err);
              });
          } else if (typeof job === "function") {
            job();
          }
        });
      },
    };
  });
})();
