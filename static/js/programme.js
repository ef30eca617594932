// The programme page, enhanced: the server's page is complete without this script (times in the event's zone,
// every session listed). With it: each time also in the visitor's own zone (Intl), and a personal agenda kept
// in this browser (localStorage) with a link to download the starred sessions as one .ics file.
(function () {
  "use strict";
  var root = document.querySelector(".programme[data-event]");
  if (!root) return;

  // --- the visitor's own time beside the event's ---------------------------------------------------
  var eventZone = root.getAttribute("data-zone");
  var visitorZone = null;
  try { visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { visitorZone = null; }
  if (visitorZone && visitorZone !== eventZone) {
    var lang = document.documentElement.lang || undefined;
    var dayKey = function (zone) {
      return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    };
    var eventDay = dayKey(eventZone), visitorDay = dayKey(visitorZone);
    var time = new Intl.DateTimeFormat(lang, { timeZone: visitorZone, hour: "2-digit", minute: "2-digit" });
    var dayAndTime = new Intl.DateTimeFormat(lang, {
      timeZone: visitorZone, weekday: "short", hour: "2-digit", minute: "2-digit"
    });
    var label = root.getAttribute("data-your-time");
    root.querySelectorAll("time[data-zone-time]").forEach(function (element) {
      var moment = new Date(element.getAttribute("datetime"));
      if (isNaN(moment.getTime())) return;
      var sameDay = eventDay.format(moment) === visitorDay.format(moment);
      var extra = document.createElement("span");
      extra.className = "visitor-time";
      extra.textContent = " (" + (sameDay ? time : dayAndTime).format(moment) + " " + label + ")";
      element.insertAdjacentElement("afterend", extra);
    });
    var note = root.querySelector(".visitor-zone");
    if (note) {
      note.textContent = root.getAttribute("data-your-zone") + ": " + visitorZone + ".";
      note.hidden = false;
    }
  }

  // --- a personal agenda ------------------------------------------------------------------------------
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
