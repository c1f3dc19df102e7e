/*
 * LTI Client Side postMessages (platform storage): keeps the OIDC state in the platform's own
 * frame when the browser blocks Tandem's cookie inside the course page.
 *   data-mode="put": at login, store state_<state> and nonce_<nonce>, then continue to data-next.
 *   data-mode="get": at launch, read state_<state> back and post the launch form again with it.
 * Messages go only to the platform's origin (data-origin) and answers are accepted only from it.
 */
(function () {
  'use strict';
  var el = document.getElementById('lti-storage');
  var status = document.getElementById('lti-storage-status');
  if (!el) { return; }
  var origin = el.getAttribute('data-origin');
  var targetName = el.getAttribute('data-target') || '_parent';
  var counter = 0;

  function platformWindow() {
    var base = window.parent !== window ? window.parent : window.opener;
    if (!base) { return null; }
    if (targetName === '_parent') { return base; }
    try {
      return base.frames[targetName] || base;
    } catch (e) {
      return base;
    }
  }

  function send(message, timeoutMs, done) {
    var target = platformWindow();
    if (!target) { done(new Error('no platform window')); return; }
    message.message_id = 'tandem-' + Date.now() + '-' + (counter++);
    var finished = false;
    function onMessage(event) {
      var data = event.data;
      if (event.origin !== origin || !data || typeof data !== 'object') { return; }
      if (data.subject !== message.subject + '.response' || data.message_id !== message.message_id) { return; }
      window.removeEventListener('message', onMessage);
      if (finished) { return; }
      finished = true;
      done(data.error ? new Error(data.error.message || data.error.code || 'platform storage error') : null, data);
    }
    window.addEventListener('message', onMessage);
    setTimeout(function () {
      if (!finished) {
        finished = true;
        window.removeEventListener('message', onMessage);
        done(new Error('the platform did not answer'));
      }
    }, timeoutMs);
    target.postMessage(message, origin);
  }

  function say(text) { if (status) { status.textContent = text; } }

  if (el.getAttribute('data-mode') === 'put') {
    var state = el.getAttribute('data-state');
    var nonce = el.getAttribute('data-nonce');
    var next = el.getAttribute('data-next');
    var pending = 2;
    var proceed = function () { if (--pending === 0) { window.location.assign(next); } };
    // Whatever storage answers, go on: the cookie may still carry the state, and the launch
    // checks the binding either way (it never skips it).
    send({ subject: 'lti.put_data', key: 'state_' + state, value: state }, 2000, proceed);
    send({ subject: 'lti.put_data', key: 'nonce_' + nonce, value: nonce }, 2000, proceed);
    return;
  }

  if (el.getAttribute('data-mode') === 'get') {
    var expected = el.getAttribute('data-state');
    send({ subject: 'lti.get_data', key: 'state_' + expected }, 3000, function (error, data) {
      if (error || !data || data.value !== expected) {
        say('Tandem could not confirm this launch inside the course page. ');
        var link = document.createElement('a');
        link.href = el.getAttribute('data-relaunch');
        link.target = '_blank';
        link.rel = 'opener';
        link.className = 'button';
        link.textContent = 'Open Tandem in a new window';
        status.appendChild(link);
        return;
      }
      el.querySelector('input[name="lti_storage_state"]').value = data.value;
      el.submit();
    });
  }
}());
