// The term base as a table: search, sort, filters, accept / reject / edit / add, bulk
// changes of a selection, and each entry's contexts beside it.
"use strict";

(() => {
  const { api, notify, el, highlighted, typing, saver } = paxterm;
  const ACCEPTED = "validated";
  const REJECTED = "rejected";
  const body = document.querySelector("#terms tbody");
  const detail = document.getElementById("detail");
  const state = { terms: [], current: null, selected: new Set(), sort: { key: null, descending: false }, busy: false };

  const filters = {
    query: document.getElementById("term-query"),
    status: document.getElementById("term-status"),
    label: document.getElementById("term-label"),
    confidence: document.getElementById("term-confidence"),
    termhood: document.getElementById("term-termhood"),
  };

  // The entries the service finds for the query (word by word, any inflection: "droit de l'homme" finds
  // "droits de l'homme"); until its answer comes, a plain substring test keeps the table responsive.
  const found = { query: "", ids: null };
  // Milliseconds of quiet typing before the query goes to the service.
  const SEARCH_DELAY = 150;
  let searchTimer = null;

  async function searchTerms() {
    const query = filters.query.value.trim();
    if (!query) {
      found.query = "";
      found.ids = null;
      return;
    }
    try {
      const answer = await api("GET", "/api/terms?q=" + encodeURIComponent(query));
      if (filters.query.value.trim() !== query) return;  // typed on meanwhile: a newer search follows
      found.query = query;
      found.ids = new Set(answer.terms.map((term) => term.id));
      render();
    } catch (error) {
      notify("The search failed: " + error.message, "error");
    }
  }

  function shown(term) {
    const query = filters.query.value.trim();
    const needle = query.toLocaleLowerCase();
    if (query && found.ids && found.query === query) {
      if (!found.ids.has(term.id)) return false;
    } else if (needle && ![term.fr, term.en, ...term.fr_variants, ...term.en_variants]
      .some((text) => text.toLocaleLowerCase().includes(needle))) return false;
    if (filters.status.value && term.status !== filters.status.value) return false;
    if (filters.label.value && term.label !== filters.label.value) return false;
    for (const name of ["confidence", "termhood"]) {
      const floor = parseFloat(filters[name].value);
      if (!Number.isNaN(floor) && term[name] < floor) return false;
    }
    return true;
  }

  function ordered() {
    const list = state.terms.filter(shown);
    const { key, descending } = state.sort;
    if (key) {
      list.sort((a, b) => {
        const x = a[key], y = b[key];
        const order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "fr");
        return descending ? -order : order;
      });
    }
    return list;
  }

  function button(label, key, handler, term) {
    return el("button", {
      type: "button", class: "action " + label.toLowerCase(), title: label + " (" + key + ")",
      onclick: (event) => { event.stopPropagation(); select(term.id); handler(term); },
    }, label);
  }

  function row(term) {
    const box = el("input", {
      type: "checkbox", class: "pick", "aria-label": "Select " + term.fr, checked: state.selected.has(term.id),
      onclick: (event) => event.stopPropagation(),
      onchange: (event) => { toggle(term.id, event.target.checked); },
    });
    return el("tr", { id: "term-" + term.id, "data-id": term.id, class: "status-" + term.status, onclick: () => select(term.id) },
      el("td", {}, box),
      el("td", { class: "id" }, term.id),
      el("td", { class: "fr", lang: "fr" }, term.fr),
      el("td", { class: "en", lang: "en" }, term.en || "—"),
      el("td", { class: "status" }, term.status),
      el("td", { class: "label" }, term.label),
      el("td", { class: "number" }, term.confidence.toFixed(2)),
      el("td", { class: "number termhood" }, term.termhood.toFixed(2)),
      el("td", { class: "number" }, term.fr_frequency),
      el("td", { class: "actions" },
        button("Accept", "a", (t) => setStatus(t, ACCEPTED), term),
        button("Reject", "r", (t) => setStatus(t, REJECTED), term),
        button("Edit", "e", () => editCurrent(), term)));
  }

  function render() {
    const list = ordered();
    body.replaceChildren(...list.map(row));
    document.getElementById("term-count").textContent = list.length + " of " + state.terms.length + " entries";
    document.getElementById("selected-count").textContent = state.selected.size ? state.selected.size + " selected" : "";
    if (state.current) mark(state.current, false);
  }

  function mark(id, scroll) {
    for (const old of body.querySelectorAll("tr.current")) old.classList.remove("current");
    const target = document.getElementById("term-" + id);
    if (!target) return;
    target.classList.add("current");
    if (scroll) target.scrollIntoView({ block: "nearest" });
  }

  function find(id) {
    return state.terms.find((term) => term.id === id);
  }

  function select(id, scroll = false) {
    const changed = state.current !== id;
    state.current = id;
    mark(id, scroll);
    if (changed) showDetail(find(id));
  }

  function toggle(id, on) {
    if (on) state.selected.add(id); else state.selected.delete(id);
    document.getElementById("selected-count").textContent = state.selected.size ? state.selected.size + " selected" : "";
  }

  function move(step) {
    const rows = [...body.querySelectorAll("tr[data-id]")];
    const at = rows.findIndex((tr) => tr.dataset.id === state.current);
    const next = rows[Math.min(Math.max(at + step, 0), rows.length - 1)];
    if (next) select(next.dataset.id, true);
  }

  function replaceTerm(updated) {
    const at = state.terms.findIndex((term) => term.id === updated.id);
    if (at >= 0) state.terms[at] = updated; else state.terms.push(updated);
    if (found.ids) searchTerms();  // an edited or added entry may now match the query, or no longer
  }

  const save = saver(state, () => render());

  function setStatus(term, status) {
    save(term.fr + ": " + status + ".", () => api("PATCH", "/api/terms/" + encodeURIComponent(term.id),
      { status, revision: term.revision }), (updated) => { replaceTerm(updated); showDetail(updated); });
  }

  function bulk(status) {
    const chosen = state.terms.filter((term) => state.selected.has(term.id));
    if (!chosen.length) { notify("Select entries first (their box, or x)."); return; }
    save(chosen.length + " entries " + status + ".", () => api("POST", "/api/terms/bulk",
      { status, terms: chosen.map((term) => ({ id: term.id, revision: term.revision })) }),
      (answer) => { answer.terms.forEach(replaceTerm); state.selected.clear(); if (state.current) showDetail(find(state.current)); });
  }

  // --- the entry beside the table: its fields and its contexts ---------------------------------

  const FIELDS = [["fr", "French"], ["en", "English"], ["fr_variants", "French variants (a | b)"],
    ["en_variants", "English variants (a | b)"], ["note", "Note"]];

  function showDetail(term) {
    if (!term) { detail.replaceChildren(); return; }
    const inputs = {};
    const form = el("form", { class: "entry", id: "entry-form" },
      el("h2", {}, term.id + " · " + term.status),
      FIELDS.map(([name, label]) => {
        const value = Array.isArray(term[name]) ? term[name].join(" | ") : term[name];
        inputs[name] = el("input", { name, value, lang: name.startsWith("fr") ? "fr" : name.startsWith("en") ? "en" : null });
        inputs[name].value = value;
        return el("label", {}, label, inputs[name]);
      }),
      el("div", { class: "buttons" },
        el("button", { type: "submit", class: "save" }, "Save"),
        el("button", { type: "button", class: "accept", onclick: () => setStatus(term, ACCEPTED) }, "Accept"),
        el("button", { type: "button", class: "reject", onclick: () => setStatus(term, REJECTED) }, "Reject")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const changes = {};
      for (const [name] of FIELDS) {
        const before = Array.isArray(term[name]) ? term[name].join(" | ") : term[name];
        if (inputs[name].value !== before) changes[name] = inputs[name].value;
      }
      if (!Object.keys(changes).length) { notify("Nothing changed."); return; }
      save(term.id + " saved.", () => api("PATCH", "/api/terms/" + encodeURIComponent(term.id),
        { ...changes, revision: term.revision }), (updated) => { replaceTerm(updated); showDetail(updated); });
    });
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { event.preventDefault(); document.activeElement.blur(); }
    });
    const contexts = el("section", { class: "contexts" }, el("h3", {}, "Contexts"), el("p", { class: "meta" }, "Looking…"));
    const changes = el("details", { class: "term-history" }, el("summary", {}, "Changes"), el("ol", { class: "history" }));
    changes.addEventListener("toggle", () => loadHistory(term, changes));
    detail.replaceChildren(form, contexts, changes);
    loadContexts(term, contexts);
  }

  async function loadHistory(term, section) {
    if (!section.open) return;
    const list = section.querySelector("ol");
    try {
      const answer = await api("GET", "/api/terms/" + encodeURIComponent(term.id) + "/history");
      list.replaceChildren(...answer.history.reverse().map((change) => el("li", {},
        el("span", { class: "when" }, change.at), " ", el("strong", {}, change.field), " (" + change.origin + "): ",
        el("span", { class: "before" }, change.old ?? "—"), " → ", el("span", { class: "after" }, change.new ?? "—"))));
    } catch (error) {
      list.replaceChildren(el("li", { class: "meta" }, "The history could not be loaded: " + error.message));
    }
  }

  async function loadContexts(term, section) {
    try {
      const answer = await api("GET", "/api/terms/" + encodeURIComponent(term.id) + "/contexts");
      if (state.current !== term.id) return;
      const items = answer.contexts.map((context) => el("li", { class: "context" },
        el("p", { class: "fr", lang: "fr" }, highlighted(context.fr, context.fr_spans)),
        el("p", { class: "en", lang: "en" }, highlighted(context.en, context.en_spans)),
        el("a", { class: "source", href: "/pairs/" + context.pair_id + "#link-" + context.link_id }, context.fr_doc)));
      section.replaceChildren(el("h3", {}, "Contexts"),
        items.length ? el("ul", {}, items) : el("p", { class: "meta" }, "No aligned sentence holds this French term."));
    } catch (error) {
      section.replaceChildren(el("h3", {}, "Contexts"), el("p", { class: "meta" }, "Contexts unavailable: " + error.message));
    }
  }

  function editCurrent() {
    const field = document.querySelector("#entry-form input[name=fr]");
    if (field) { field.focus(); field.select(); }
  }

  // --- keyboard, sorting, filters, adding --------------------------------------------------------

  const KEYS = {
    j: () => move(1), k: () => move(-1), ArrowDown: () => move(1), ArrowUp: () => move(-1),
    a: () => { const term = find(state.current); if (term) setStatus(term, ACCEPTED); },
    r: () => { const term = find(state.current); if (term) setStatus(term, REJECTED); },
    e: () => editCurrent(),
    x: () => { if (state.current) { toggle(state.current, !state.selected.has(state.current)); render(); } },
    A: () => bulk(ACCEPTED), R: () => bulk(REJECTED),
    "/": () => filters.query.focus(),
  };

  document.addEventListener("keydown", (event) => {
    if (typing(event) || !(event.key in KEYS)) return;
    event.preventDefault();
    KEYS[event.key]();
  });

  for (const header of document.querySelectorAll("#terms th[data-sort]")) {
    header.addEventListener("click", () => {
      const key = header.dataset.sort;
      state.sort = { key, descending: state.sort.key === key ? !state.sort.descending : ["confidence", "termhood", "fr_frequency"].includes(key) };
      for (const other of document.querySelectorAll("#terms th[data-sort]")) other.removeAttribute("aria-sort");
      header.setAttribute("aria-sort", state.sort.descending ? "descending" : "ascending");
      render();
    });
  }
  for (const control of Object.values(filters)) control.addEventListener("input", render);
  filters.query.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(searchTerms, SEARCH_DELAY);
  });
  document.getElementById("term-filters").addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("select-all").addEventListener("change", (event) => {
    for (const term of ordered()) toggle(term.id, event.target.checked);
    render();
  });
  document.getElementById("bulk-accept").addEventListener("click", () => bulk(ACCEPTED));
  document.getElementById("bulk-reject").addEventListener("click", () => bulk(REJECTED));
  document.getElementById("add-term").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    const fields = { fr: form.fr.value, en: form.en.value, note: form.note.value };
    save(fields.fr + " added.", () => api("POST", "/api/terms", fields),
      (added) => { replaceTerm(added); form.reset(); state.current = null; select(added.id, true); });
  });

  async function load() {
    try {
      const answer = await api("GET", "/api/terms");
      state.terms = answer.terms;
      render();
      document.body.dataset.loaded = "true";
    } catch (error) {
      notify("The term base could not be loaded: " + error.message, "error");
    }
  }

  load();
})();
