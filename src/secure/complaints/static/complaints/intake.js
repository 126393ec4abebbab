// The intake's small proof of work: find a number whose SHA-256 with the page's challenge starts
// with enough zero bits, then submit. Without JavaScript (or without Web Crypto) the form is
// submitted as is and the server accepts it after a short time on screen instead.
(function () {
  "use strict";

  function zeroBits(bytes) {
    let bits = 0;
    for (const byte of bytes) {
      if (byte === 0) { bits += 8; continue; }
      return bits + Math.clz32(byte) - 24;
    }
    return bits;
  }

  async function solve(challenge, bits) {
    const encoder = new TextEncoder();
    for (let counter = 0; counter < 50000000; counter += 1) {
      const digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + counter));
      if (zeroBits(new Uint8Array(digest)) >= bits) { return String(counter); }
    }
    return "";
  }

  document.querySelectorAll("form[data-pow-bits]").forEach(function (form) {
    const bits = parseInt(form.getAttribute("data-pow-bits"), 10);
    const challenge = form.querySelector("input[name=challenge]");
    const solution = form.querySelector("input[name=solution]");
    const status = form.querySelector("[data-pow-status]");
    if (!challenge || !solution || !window.crypto || !crypto.subtle) { return; }
    let solving = false;
    form.addEventListener("submit", function (event) {
      if (solution.value || solving) { if (solving) { event.preventDefault(); } return; }
      event.preventDefault();
      solving = true;
      if (status) { status.hidden = false; }
      solve(challenge.value, bits).then(function (found) {
        solution.value = found;
        form.submit();
      });
    });
  });
})();
