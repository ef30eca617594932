// The programme page, enhanced: the server's page is complete without this script (every session listed).
// With it: a personal agenda kept in this browser (localStorage) with a link to download the starred sessions
// as one .ics file. The visitor's own time beside the event's is local-time.js, shared with the event and
// session pages.
(function () {
  "use strict";
  var root = document.querySelector(".programme[data-event]");
  if (!root) return;

  var key = "portal:agenda:" + root.getAttribute("data-event");
  var storage = null;
  try { storage = window.localStorage; storage.getItem(key); } catch (e) { storage = null; }
  if (!storage) return;
  var starred = [];
  try { starred = JSON.parse(storage.getItem(key) || "[]").filter(function (id) { return /^\d+$/.test(id); }); }
  catch (e) { starred = []; }
  var agenda = root.querySelector(".my-agenda");
  var exportLink = root.querySelector(".agenda-export");
  var agendaUrl = root.getAttribute("data-agenda-url");

  function render() {
    root.querySelectorAll(".programme-session[data-session]").forEach(function (card) {
      var on = starred.indexOf(card.getAttribute("data-session")) !== -1;
      card.classList.toggle("starred", on);
      var button = card.querySelector("button.star");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = root.getAttribute(on ? "data-unstar" : "data-star");
    });
    if (starred.length) {
      exportLink.setAttribute("href", agendaUrl + "?sessions=" + starred.join(","));
      exportLink.removeAttribute("aria-disabled");
    } else {
      exportLink.removeAttribute("href");
      exportLink.setAttribute("aria-disabled", "true");
    }
  }

  root.querySelectorAll(".programme-session[data-session]").forEach(function (card) {
    var button = card.querySelector("button.star");
    button.hidden = false;
    button.addEventListener("click", function () {
      var id = card.getAttribute("data-session");
      var at = starred.indexOf(id);
      if (at === -1) starred.push(id); else starred.splice(at, 1);
      try { storage.setItem(key, JSON.stringify(starred)); } catch (e) { /* full or refused: kept for this visit */ }
      render();
    });
  });
  agenda.hidden = false;
  render();
})();
