// The course site's small fixes to the theme, for keyboard and screen-reader users (axe-core checks them).
document.addEventListener('DOMContentLoaded', () => {
  // The theme's search buttons show "Search Ctrl+K" but are named "Search": let the visible text name them.
  document.querySelectorAll('.search-button__button[aria-label]').forEach((b) => b.removeAttribute('aria-label'));
  // A wide notebook table scrolls sideways inside its output: make that region reachable by keyboard.
  document.querySelectorAll('div.cell_output .output.text_html, div.cell_output .output.text_html > div').forEach((el) => {
    if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute('tabindex')) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', 'Output (scrolls sideways)');
    }
  });
});
