// What every page does for access: <html lang> follows the session's language (Streamlit writes "en" whatever it
// is), and an equation too wide for its box, which scrolls sideways, can be reached and scrolled from the keyboard.
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
    };
    const later = () => {  // in the next frame, once the new equations are laid out: reachable as soon as they show
      if (pending) return;
      pending = true;
      requestAnimationFrame(look);
    };
    new MutationObserver(later).observe(document.body, {subtree: true, childList: true});
    window.addEventListener("resize", later);
    later();
  }
}
