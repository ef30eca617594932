// The header menu is a <details> element, so it opens and closes without this script on every screen.
// On wide screens the summary button is hidden by CSS; this keeps the menu open there, and closes it again
// when the screen narrows to phone size. Loaded with `defer`; no inline script (the CSP forbids them).
(function () {
  "use strict";
  var menu = document.querySelector("details.menu");
  if (!menu || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 62rem)");
  function sync() { menu.open = wide.matches; }
  sync();
  if (wide.addEventListener) wide.addEventListener("change", sync);
  // Escape closes the open menu on a phone and returns focus to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && !wide.matches) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();
