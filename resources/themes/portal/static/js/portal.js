/* Portal theme behaviour: font size (remembered by the browser), phone navigation, back to top.
   Pages read fully without it. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
  var KEY = "newsdesk.font-size";

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* private mode */ }
  }

  function ready() {
    var body = document.body;
    var toggles = document.querySelectorAll(".font-toggle");
    function apply(size) {
      body.classList.toggle("font-small", size === "small");
      for (var i = 0; i < toggles.length; i++) {
        var t = toggles[i];
        t.textContent = size === "small" ? t.getAttribute("data-large") : t.getAttribute("data-small");
        t.setAttribute("aria-pressed", size === "small" ? "true" : "false");
      }
    }
    apply(stored() === "small" ? "small" : "normal");
    for (var i = 0; i < toggles.length; i++) {
      toggles[i].addEventListener("click", function () {
        var next = body.classList.contains("font-small") ? "normal" : "small";
        remember(next);
        apply(next);
      });
    }

    var navButton = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site-nav");
    if (navButton && nav) {
      navButton.addEventListener("click", function () {
        var open = nav.classList.toggle("is-open");
        navButton.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }

    var top = document.querySelector(".back-to-top");
    if (top) {
      top.addEventListener("click", function (event) {
        event.preventDefault();
        window.scrollTo({ top: 0, behavior: "smooth" });
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
