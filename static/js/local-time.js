// The visitor's own time beside the event's, on every page that shows an event's or a session's times (the
// programme, an event, a session). The server's page is complete without this script: times in the event's
// zone with its UTC offset. With it, each <time data-zone-time> inside an element marked data-local-times
// (templates/includes/local_times_attrs.html) is followed by "(07:15 your time)", with the weekday when the
// visitor's day differs from the event's, and the element's .visitor-zone note names the visitor's zone.
(function () {
  "use strict";
  var visitorZone = null;
  try { visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { visitorZone = null; }
  if (!visitorZone) return;
  var lang = document.documentElement.lang || undefined;
  var dayKey = function (zone) {
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
  };
  var visitorDay = dayKey(visitorZone);
  var time = new Intl.DateTimeFormat(lang, { timeZone: visitorZone, hour: "2-digit", minute: "2-digit" });
  var dayAndTime = new Intl.DateTimeFormat(lang, {
    timeZone: visitorZone, weekday: "short", hour: "2-digit", minute: "2-digit"
  });

  document.querySelectorAll("[data-local-times][data-zone]").forEach(function (root) {
    var eventZone = root.getAttribute("data-zone");
    if (visitorZone === eventZone) return;
    var eventDay;
    try { eventDay = dayKey(eventZone); } catch (e) { return; }
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
      note.textContent = root.getAttribute("data-your-zone") + (root.getAttribute("data-colon") || ":") + " " +
        visitorZone + ".";
      note.hidden = false;
    }
  });
})();
