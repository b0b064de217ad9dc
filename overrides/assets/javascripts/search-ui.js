/*
 * Two additions to Material's search UI, for the site's own worker (search-worker.js):
 *  - the index data loads when search opens (not on page load): on the first focus of
 *    the search box, or the search toggle, the worker is told to fetch it (PRELOAD);
 *  - a result's notice (「您要找的是：…？」, "nothing found, try …", a pinyin reading) is
 *    shown above the result list; its word, clicked, becomes the query.
 * Loaded in <head> (overrides/main.html), before Material's bundle creates the worker.
 */
"use strict"
;(() => {
  const PRELOAD = 100, RESULT = 3
  const Native = window.Worker
  let worker = null, asked = false

  function preload() {
    if (worker && !asked) {
      asked = true
      worker.postMessage({ type: PRELOAD })
    }
  }

  function showNotice(notice) {
    const result = document.querySelector(".md-search-result")
    if (!result)
      return
    let box = result.querySelector(".search-notice")
    if (!box) {
      box = document.createElement("div")
      box.className = "search-notice"
      result.insertBefore(box, result.querySelector(".md-search-result__list"))
    }
    box.textContent = ""
    box.hidden = !notice
    if (!notice)
      return
    box.append(notice.text)
    if (notice.word) {
      const link = document.createElement("button")  /* not <a>: Material closes search on a link */
      link.type = "button"
      link.textContent = notice.word
      link.addEventListener("click", ev => {
        ev.preventDefault()
        ev.stopPropagation()
        const input = document.querySelector("input[data-md-component=search-query]")
        input.value = notice.word
        input.focus()
        input.dispatchEvent(new Event("input", { bubbles: true }))
        input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "End" }))
      })
      box.append(link)
    }
    box.append(notice.after || "")
  }

  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options)
      if (!String(url).includes("search-worker.js"))
        return
      worker = this
      this.addEventListener("message", ev => {
        if (ev.data && ev.data.type === RESULT)
          showNotice(ev.data.data && ev.data.data.notice)
      })
      const query = document.querySelector("input[data-md-component=search-query]")
      if (query && document.activeElement === query)
        preload()
    }
  }

  document.addEventListener("focusin", ev => {
    if (ev.target.matches && ev.target.matches("input[data-md-component=search-query]"))
      preload()
  })
  document.addEventListener("change", ev => {
    if (ev.target.id === "__search" && ev.target.checked)
      preload()
  })
})()
