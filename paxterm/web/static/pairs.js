// The document pairs of the project with their links and flagged counts.
"use strict";

(() => {
  const { api, notify, el } = paxterm;

  async function load() {
    try {
      const answer = await api("GET", "/api/pairs");
      const rows = answer.pairs.map((pair) => el("tr", { "data-pair-id": pair.id },
        el("td", {}, el("a", { href: "/pairs/" + pair.id }, pair.fr_doc)),
        el("td", {}, pair.en_doc || "no English original"),
        el("td", { class: "number" }, pair.links),
        el("td", { class: "number" }, pair.flagged)));
      document.querySelector("#pairs tbody").replaceChildren(...rows);
      document.getElementById("no-pairs").hidden = rows.length > 0;
      document.body.dataset.loaded = "true";
    } catch (error) {
      notify("The document pairs could not be loaded: " + error.message, "error");
    }
  }

  load();
})();
