/*
 * LTI Dynamic Registration 1.0: when the administrator is done, tell the LMS to close the
 * registration frame or window ('org.imsglobal.lti.close'). The LMS shows its own summary next.
 * The message carries nothing secret, so any origin may receive it: the LMS's origin is not
 * known for certain while it is still being registered.
 */
(function () {
  'use strict';
  var button = document.getElementById('registration-close');
  var status = document.getElementById('registration-close-status');
  if (!button) { return; }
  button.addEventListener('click', function () {
    var target = window.opener || (window.parent !== window ? window.parent : null);
    if (target) {
      target.postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
    }
    if (status) {
      status.textContent = target
        ? 'Returning to the learning platform…'
        : 'You can close this window now.';
    }
  });
}());
