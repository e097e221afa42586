// Check-in: the typed code and the camera scanner send the ticket code with fetch; the result
// lands in the live region. Without JavaScript the form posts as usual and the page shows the result.
(function () {
  "use strict";

  var CODE_PATTERN = /[0-9A-Z]{4}(?:-?[0-9A-Z]{4}){4}/i;
  var SAME_CODE_PAUSE_MS = 4000;

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var form = document.getElementById("checkin-form");
    var result = document.getElementById("checkin-result");
    if (!form || !result) return;
    document.documentElement.classList.add("js");
    var texts = {};
    var template = document.getElementById("kamera-texte");
    if (template) {
      Array.prototype.forEach.call(template.content.querySelectorAll("[data-key]"), function (el) {
        texts[el.getAttribute("data-key")] = el.textContent;
      });
    }
    var codeInput = form.querySelector("input[name=code]");
    var sending = false;

    function submitCode(code) {
      if (sending) return Promise.resolve();
      sending = true;
      var data = new FormData(form);
      data.set("code", code);
      return fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      })
        .then(function (response) {
          if (response.redirected || !(response.ok || response.status === 400)) throw new Error("status " + response.status);
          return response.text();
        })
        .then(function (html) {
          result.innerHTML = html;
          document.body.dispatchEvent(new CustomEvent("checkin", { bubbles: true }));
        })
        .catch(function () {
          result.innerHTML = "";
          var p = document.createElement("p");
          p.className = "kern-body";
          p.textContent = texts.failed || "Error";
          result.appendChild(p);
        })
        .then(function () {
          sending = false;
        });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submitCode(codeInput.value).then(function () {
        codeInput.value = "";
        codeInput.focus();
      });
    });

    // Camera ------------------------------------------------------------------------------
    var camera = document.querySelector(".checkin-camera");
    var startButton = document.getElementById("kamera-start");
    var stopButton = document.getElementById("kamera-stop");
    var status = document.getElementById("kamera-status");
    var video = document.getElementById("kamera-video");
    var canvas = document.getElementById("kamera-canvas");
    if (!camera || !startButton) return;

    function say(key) {
      status.textContent = texts[key] || "";
    }

    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say("unsupported");
      return;
    }
    startButton.hidden = false;

    var stream = null;
    var detector = null;
    var running = false;
    var lastCode = "";
    var lastAt = 0;

    function loadJsQR() {
      if (window.jsQR) return Promise.resolve();
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = camera.getAttribute("data-jsqr");
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }

    function makeDetector() {
      if ("BarcodeDetector" in window) {
        return window.BarcodeDetector.getSupportedFormats()
          .then(function (formats) {
            if (formats.indexOf("qr_code") !== -1) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          })
          .catch(function () {})
          .then(function () {
            if (!detector) return loadJsQR();
          });
      }
      return loadJsQR();
    }

    function read() {
      if (detector) {
        return detector.detect(video).then(function (codes) {
          return codes.length ? codes[0].rawValue : null;
        });
      }
      var width = video.videoWidth;
      var height = video.videoHeight;
      if (!width || !height || !window.jsQR) return Promise.resolve(null);
      canvas.width = width;
      canvas.height = height;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, width, height);
      var found = window.jsQR(context.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: "dontInvert" });
      return Promise.resolve(found ? found.data : null);
    }

    function onRead(raw) {
      var match = String(raw).match(CODE_PATTERN);
      var code = match ? match[0] : String(raw).slice(0, 64);
      var now = Date.now();
      if (code === lastCode && now - lastAt < SAME_CODE_PAUSE_MS) return Promise.resolve();
      lastCode = code;
      lastAt = now;
      say("sending");
      return submitCode(code).then(function () {
        say("scanning");
      });
    }

    function tick() {
      if (!running) return;
      var next = function () {
        if (running) window.setTimeout(tick, 200);
      };
      if (video.readyState < 2 || sending) return next();
      read()
        .then(function (raw) {
          if (raw) return onRead(raw);
        })
        .catch(function () {})
        .then(next);
    }

    function stop() {
      running = false;
      if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
      video.hidden = true;
      stopButton.hidden = true;
      startButton.hidden = false;
      say("stopped");
      startButton.focus();
    }

    startButton.addEventListener("click", function () {
      say("starting");
      startButton.disabled = true;
      makeDetector()
        .then(function () {
          return navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false });
        })
        .then(function (mediaStream) {
          stream = mediaStream;
          video.srcObject = stream;
          video.hidden = false;
          return video.play();
        })
        .then(function () {
          running = true;
          startButton.hidden = true;
          stopButton.hidden = false;
          stopButton.focus();
          say("scanning");
          tick();
        })
        .catch(function (error) {
          var name = error && error.name;
          if (name === "NotAllowedError" || name === "SecurityError") say("denied");
          else if (name === "NotFoundError" || name === "OverconstrainedError" || name === "NotReadableError") say("no-camera");
          else say("unsupported");
        })
        .then(function () {
          startButton.disabled = false;
        });
    });
    stopButton.addEventListener("click", stop);
    window.addEventListener("pagehide", function () {
      if (running) stop();
    });
  });
})();
