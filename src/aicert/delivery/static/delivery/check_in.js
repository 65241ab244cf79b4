// Check-in: scan the admission ticket's QR code with the camera where the browser offers the
// BarcodeDetector API (Chromium on Android, ChromeOS, macOS); the typed-code field always works.
(function () {
  "use strict";
  const scanner = document.getElementById("scanner");
  const form = document.getElementById("code-form");
  if (!scanner || !form || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  const start = document.getElementById("scan-start");
  const video = document.getElementById("scan-video");
  const status = document.getElementById("scan-status");
  const input = form.querySelector("input[name=code]");
  scanner.hidden = false;

  start.addEventListener("click", async function () {
    let detector;
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (!formats.includes("qr_code")) {
        status.textContent = scanner.dataset.unsupported;
        return;
      }
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" },
        audio: false,
      });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      start.hidden = true;
      const stop = function () {
        stream.getTracks().forEach(function (track) { track.stop(); });
        video.hidden = true;
      };
      const tick = async function () {
        try {
          const codes = await detector.detect(video);
          if (codes.length) {
            stop();
            input.value = codes[0].rawValue;
            form.submit();
            return;
          }
        } catch (error) {
          // A frame that cannot be read yet: try the next one.
        }
        window.setTimeout(tick, 250);
      };
      tick();
    } catch (error) {
      status.textContent = scanner.dataset.cameraError + " (" + error.name + ")";
    }
  });
})();
