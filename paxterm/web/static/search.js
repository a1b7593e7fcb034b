// The concordance: every aligned sentence pair holding a term, in either language, any inflection.
"use strict";

(() => {
  const { api, notify, el, highlighted } = paxterm;
  const body = document.querySelector("#results tbody");
  const form = document.getElementById("search-form");
  const query = document.getElementById("search-query");
  const language = document.getElementById("search-lang");

  async function search() {
    const term = query.value.trim();
    if (!term) return;
    const params = new URLSearchParams({ q: term });
    if (language.value) params.set("lang", language.value);
    window.history.replaceState(null, "", "/search?" + params);
    try {
      const answer = await api("GET", "/api/search?" + params);
      body.replaceChildren(...answer.results.map((hit) => el("tr", {},
        el("td", {}, el("a", { href: "/pairs/" + hit.pair_id + "#link-" + hit.link_id }, hit.fr_doc)),
        el("td", { class: "text fr", lang: "fr" }, hit.language === "fr" ? highlighted(hit.fr, [[hit.start, hit.end]]) : hit.fr),
        el("td", { class: "text en", lang: "en" }, hit.language === "en" ? highlighted(hit.en, [[hit.start, hit.end]]) : hit.en))));
      document.getElementById("search-count").textContent = answer.results.length + " occurrences";
    } catch (error) {
      notify("Search failed: " + error.message, "error");
    }
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); search(); });
  const given = new URLSearchParams(window.location.search);
  if (given.get("q")) {
    query.value = given.get("q");
    language.value = given.get("lang") || "";
    search();
  }
})();
