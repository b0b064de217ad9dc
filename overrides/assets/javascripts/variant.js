// The reader's script: the switch to the other script keeps the #fragment, and the choice is
// remembered (localStorage), so the root chooser sends the reader back to it next time.
(function () {
  var KEY = "policyref.variant";
  function remember(variant) {
    try { localStorage.setItem(KEY, variant); } catch (e) { /* storage off: nothing to remember */ }
  }
  var here = document.querySelector('meta[name="policyref-variant"]');
  if (here) remember(here.content);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-variant-switch]");
    if (!link || !link.hreflang) return;
    remember(link.hreflang);
    if (location.hash && link.getAttribute("href").indexOf("#") < 0) {
      event.preventDefault();
      location.href = link.href + location.hash;
    }
  }, true);
})();
