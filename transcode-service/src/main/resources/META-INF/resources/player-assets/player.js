// The platform player: plays the stream's master playlist with hls.js (or natively where the
// browser plays HLS itself), lets hls.js choose the rung by bandwidth, and retries every two
// seconds while the stream is not live yet. window.fanoutPlayer is the hls.js instance.
(function () {
  'use strict';
  var video = document.getElementById('video');
  var status = document.getElementById('status');
  var playlist = video.getAttribute('data-playlist');
  var RETRY_MS = 2000;

  function show(text) {
    status.textContent = text;
  }

  function start() {
    if (!(window.Hls && window.Hls.isSupported())) {
      video.src = playlist;
      video.addEventListener('error', function () { window.setTimeout(function () { video.load(); }, RETRY_MS); });
      return;
    }
    var hls = new window.Hls({ liveSyncDurationCount: 3 });
    window.fanoutPlayer = hls;
    hls.on(window.Hls.Events.MANIFEST_PARSED, function (event, data) {
      show('Live · ' + data.levels.map(function (l) { return l.height + 'p'; }).join(' / '));
      video.play().catch(function () { show('Live · press play'); });
    });
    hls.on(window.Hls.Events.LEVEL_SWITCHED, function (event, data) {
      var level = hls.levels[data.level];
      if (level) {
        show('Live · playing ' + level.height + 'p of ' + hls.levels.length + ' rungs');
      }
    });
    hls.on(window.Hls.Events.ERROR, function (event, data) {
      if (!data.fatal) {
        return;
      }
      show('Waiting for the stream…');
      hls.destroy();
      window.fanoutPlayer = null;
      window.setTimeout(start, RETRY_MS);
    });
    hls.loadSource(playlist);
    hls.attachMedia(video);
  }

  start();
}());
