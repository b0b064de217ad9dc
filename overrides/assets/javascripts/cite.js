// "Cite this page": copy the plain-text citation. Works from file:// and plain http too:
// navigator.clipboard when the browser allows it, else select the text (and try execCommand).
(function () {
  function absolute() {
    document.querySelectorAll(".cite-url[data-relative]").forEach(function (el) {
      el.textContent = location.href.split("#")[0];  // the address the reader loaded
    });
  }
  function select(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    return ok;
  }
  function wire(button) {
    if (button.dataset.wired) return;
    button.dataset.wired = "1";
    button.addEventListener("click", function () {
      var el = document.getElementById(button.dataset.copy);
      if (!el) return;
      var text = el.textContent.trim();
      var label = button.textContent;
      function said(ok) {
        button.textContent = ok ? button.dataset.done : button.dataset.failed;
        setTimeout(function () { button.textContent = label; }, 2500);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { said(true); },
                                                 function () { said(select(el)); });
      } else {
        said(select(el));
      }
    });
  }
  function init() {
    absolute();
    document.querySelectorAll("button.cite-copy").forEach(wire);
  }
  // Material's instant navigation swaps pages without a load event: listen to its document$ too
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
