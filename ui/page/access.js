// What every page does for access: <html lang> follows the session's language (Streamlit writes "en" whatever it
// is); an equation too wide for its box, which scrolls sideways, can be reached and scrolled from the keyboard; and
// a field or button that a page run rebuilds (a widget keyed by its value is a new widget after each change) keeps
// the keyboard's focus, where the browser would drop it to the page's start.
function show_page(component) {
  const { data } = component;
  set(document.documentElement, "lang", data.lang);
  if (!memory.wide_equations) {  // once per page: look again whenever the page changes
    memory.wide_equations = true;
    let pending = false;
    const look = () => {
      pending = false;
      for (const box of document.querySelectorAll(".katex-display")) {
        const wide = box.scrollWidth > box.clientWidth + 1;
        if (wide && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
        if (!wide && box.getAttribute("tabindex") === "0") box.removeAttribute("tabindex");
      }
      focus_again();
      focus_editor();
    };
    const later = () => {  // in the next frame, once the new equations are laid out: reachable as soon as they show
      if (pending) return;
      pending = true;
      requestAnimationFrame(look);
    };
    new MutationObserver(later).observe(document.body, {subtree: true, childList: true});
    window.addEventListener("resize", later);
    document.addEventListener("focusin", (event) => {
      memory.focused = {element: event.target, name: name_of(event.target), at: performance.now()};
    });
    document.addEventListener("pointerdown", () => { memory.pointed = performance.now(); }, true);
    later();
  }
}

function name_of(element) {  // what a control is called, which its rebuilt self is called too
  return [element.tagName, element.getAttribute?.("aria-label") ?? element.textContent.trim()].join(" ");
}

function focus_again() {  // the focused control was rebuilt by a page run, not left by the learner: focus its new self
  const last = memory.focused, active = document.activeElement;
  if (!last || last.element.isConnected || (active && active !== document.body)) return;
  if ((memory.pointed ?? 0) > last.at || performance.now() - last.at > 60000) return;  // a click went elsewhere since
  const again = [...document.querySelectorAll(last.element.tagName)]
    .find((element) => name_of(element) === last.name && element.getClientRects().length);
  if (again) again.focus();
}
