// The partner console: refreshes the day's matches every two seconds and plays the first live
// match that has a player (HLS through hls.js where the browser needs it).
(function () {
  'use strict';
  var section = document.getElementById('matches');
  if (!section) {
    return;
  }
  var day = section.getAttribute('data-day');
  var playing = null;
  var hls = null;

  function choosePlayer() {
    var live = Array.prototype.slice.call(section.querySelectorAll('article.status-live'))
      .filter(function (match) { return match.getAttribute('data-player'); })[0];
    var url = live ? live.getAttribute('data-player') : null;
    if (url === playing) {
      return;
    }
    playing = url;
    var box = document.getElementById('player');
    var video = document.getElementById('video');
    if (hls) {
      hls.destroy();
      hls = null;
    }
    if (!url) {
      box.hidden = true;
      video.removeAttribute('src');
      return;
    }
    document.getElementById('player-title').textContent = live.getAttribute('data-title');
    box.hidden = false;
    if (window.Hls && window.Hls.isSupported()) {
      hls = new window.Hls();
      hls.loadSource(url);
      hls.attachMedia(video);
    } else {
      video.src = url;
    }
    var started = video.play();
    if (started && started.catch) {
      started.catch(function () { /* the viewer presses play */ });
    }
  }

  function refresh() {
    fetch('/console/matches?day=' + encodeURIComponent(day), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        if (response.status === 401) {
          window.location.reload();
          return null;
        }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          section.innerHTML = html;
          choosePlayer();
        }
      })
      .catch(function () { /* the next refresh tries again */ });
  }

  choosePlayer();
  window.setInterval(refresh, 2000);
}());
