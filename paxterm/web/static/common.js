// paxterm review: what every page shares. Plain JavaScript, no build step, no outside request.
//
// The session token comes in the page's address (?token=...). It is kept in this
// tab's sessionStorage, never in a cookie, and taken out of the address bar, so a
// page from another site cannot write through the user's browser.
"use strict";

const paxterm = (() => {
  const TOKEN_KEY = "paxterm-review-token";

  function readToken() {
    const url = new URL(window.location.href);
    const given = url.searchParams.get("token");
    if (given) {
      sessionStorage.setItem(TOKEN_KEY, given);
      url.searchParams.delete("token");
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
    return sessionStorage.getItem(TOKEN_KEY);
  }

  const token = readToken();

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  // One call to the JSON API; throws ApiError with the server's message when it refuses.
  async function api(method, path, body) {
    const headers = { "Accept": "application/json" };
    if (token) headers["Authorization"] = "Bearer " + token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, {
        method, headers, credentials: "omit",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError(0, "the review server cannot be reached (stopped?); nothing was saved");
    }
    let data = null;
    try { data = await response.json(); } catch (error) { data = null; }
    if (!response.ok) {
      const message = data && data.error ? data.error : response.statusText;
      throw new ApiError(response.status, message);
    }
    return data;
  }

  // What a failed save says on the page: the change was not made, and why.
  function failure(error) {
    if (error.status === 409) {
      return "Not saved: this entry was changed elsewhere (another tab?) since the page read it. " +
        "Reload the page and make the change again. (" + error.message + ")";
    }
    if (error.status === 401 || error.status === 403) {
      return "Not saved: open the address `paxterm review` printed (it carries the session token). (" +
        error.message + ")";
    }
    return "Not saved: " + error.message;
  }

  let noticeTimer = null;
  function notify(message, kind = "info") {
    const notice = document.getElementById("notice");
    notice.textContent = message;
    notice.className = "notice " + kind;
    notice.setAttribute("role", kind === "error" ? "alert" : "status");
    notice.hidden = false;
    clearTimeout(noticeTimer);
    if (kind !== "error") noticeTimer = setTimeout(() => { notice.hidden = true; }, 4000);
  }

  // An element with attributes and children; strings become text nodes, never markup.
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Text with the [start, end) spans marked, as nodes.
  function highlighted(text, spans) {
    const nodes = [];
    let at = 0;
    for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
      if (start < at) continue;
      nodes.push(text.slice(at, start), el("mark", {}, text.slice(start, end)));
      at = end;
    }
    nodes.push(text.slice(at));
    return nodes;
  }

  // One save at a time: send it, let the page apply the answer, say it was saved, or say why not.
  // Nothing changes on the page when the save fails.
  function saver(state, afterSave) {
    return async function save(description, request, apply) {
      if (state.busy) return;
      state.busy = true;
      try {
        const answer = await request();
        apply(answer);
        afterSave();
        notify(description);
      } catch (error) {
        notify(failure(error), "error");
      } finally {
        state.busy = false;
      }
    };
  }

  // True when a key press is meant for a text field, not for the page's shortcuts.
  function typing(event) {
    const target = event.target;
    return event.ctrlKey || event.metaKey || event.altKey ||
      (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)));
  }

  // The project's name in the header, from the API like every other project datum.
  document.addEventListener("DOMContentLoaded", () => {
    api("GET", "/api/project").then((project) => {
      document.getElementById("project-name").textContent = " · " + project.name;
    }).catch(() => {});
  });

  return { api, failure, notify, el, highlighted, typing, saver, hasToken: Boolean(token) };
})();
