// Show the progress indicator and disable the buttons while a file is checked or imported.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches || !form.matches("[data-import-form]")) {
    return;
  }
  var indicator = document.getElementById("import-progress");
  if (indicator) {
    indicator.hidden = false;
  }
  form.querySelectorAll("button").forEach(function (button) {
    button.setAttribute("aria-disabled", "true");
  });
});
