// A live paired scenario: listens to the pair's event stream and, whenever something changed (a
// move was stored, a partner came or went) or the stream reconnected, swaps in the live part of
// the page as the database has it now. Text typed and not yet sent, and the focus, are kept.
(function () {
  'use strict';
  var root = document.getElementById('paired');
  if (!root || !window.EventSource || !window.fetch) {
    return; // the forms work without this script: each move reloads the page
  }
  var announce = document.getElementById('announce');
  var loading = false;
  var again = false;

  function swap(html) {
    var live = document.getElementById('live');
    var next = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
    if (!live || !next) {
      return;
    }
    if (next.getAttribute('data-ended') === 'true') {
      window.location.reload(); // the debrief is a page of its own
      return;
    }
    var typed = {};
    live.querySelectorAll('textarea').forEach(function (t) {
      if (t.value !== t.defaultValue) {
        typed[t.id] = t.value;
      }
    });
    var focused = document.activeElement && live.contains(document.activeElement) ? document.activeElement.id : null;
    live.replaceWith(document.adoptNode(next));
    Object.keys(typed).forEach(function (id) {
      var t = document.getElementById(id);
      if (t) {
        t.value = typed[id];
      }
    });
    if (focused && document.getElementById(focused)) {
      document.getElementById(focused).focus();
    }
    var news = next.getAttribute('data-announce');
    if (news && announce && announce.textContent !== news) {
      announce.textContent = news;
    }
  }

  function refresh() {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    fetch(root.getAttribute('data-live'), { credentials: 'omit', cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('live part answered ' + response.status);
        }
        return response.text();
      })
      .then(swap)
      .catch(function () { /* the next event or reconnect tries again */ })
      .then(function () {
        loading = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  var source = new EventSource(root.getAttribute('data-events'));
  source.addEventListener('open', function () {
    root.setAttribute('data-stream', 'open');
    refresh(); // after a reconnect, what happened meanwhile is in the database
  });
  source.addEventListener('error', function () {
    root.setAttribute('data-stream', 'reconnecting');
  });
  source.addEventListener('changed', refresh);
  source.addEventListener('presence', refresh);
}());
