// Exit this page, made safer where JavaScript runs: the exit replaces this page in the
// browser's history (location.replace), so Back does not return here. Without JavaScript
// the button is an ordinary link to the same neutral page.
for (const button of document.querySelectorAll(".govuk-js-exit-this-page-button")) {
  button.addEventListener("click", (event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    document.body.classList.add("govuk-exit-this-page-hide-content");
    window.location.replace(button.href);
  }, { capture: true });
}
document.documentElement.classList.add("daboard-js");
